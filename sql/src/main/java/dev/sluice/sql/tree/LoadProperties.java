package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The load clauses of CREATE / ALTER ROUTINE LOAD, each present at most once: {@code COLUMNS
 * TERMINATED BY}, {@code ROWS TERMINATED BY}, {@code COLUMNS (...)} (an empty list means the clause
 * was absent), {@code WHERE}, {@code [TEMPORARY] PARTITION (...)}. Separators are the unescaped
 * strings: {@code "\t"} is a tab, {@code "\\x01"} is the four characters {@code \x01} (StarRocks'
 * hex notation, left for the consumer to decode).
 */
public record LoadProperties(
    Optional<String> columnSeparator,
    Optional<String> rowDelimiter,
    List<ColumnMapping> columnMappings,
    Optional<Expression> where,
    Optional<PartitionNames> partitions) {

  public static final LoadProperties EMPTY =
      new LoadProperties(
          Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty());

  public LoadProperties {
    requireNonNull(columnSeparator, "columnSeparator is null");
    requireNonNull(rowDelimiter, "rowDelimiter is null");
    columnMappings = List.copyOf(requireNonNull(columnMappings, "columnMappings is null"));
    requireNonNull(where, "where is null");
    requireNonNull(partitions, "partitions is null");
  }

  public boolean isEmpty() {
    return equals(EMPTY);
  }
}
