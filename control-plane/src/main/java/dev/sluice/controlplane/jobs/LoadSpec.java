package dev.sluice.controlplane.jobs;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The load clauses of CREATE ROUTINE LOAD, as canonical text: the worker parses {@code columns} and
 * {@code where} again with the same grammar, once per task.
 *
 * @param columnSeparator COLUMNS TERMINATED BY; Routine Load's default is a tab
 * @param rowSeparator ROWS TERMINATED BY; each Kafka message is one row unless given
 * @param columns the COLUMNS (...) list, empty when absent
 * @param where the WHERE condition, empty when absent
 * @param partitions the PARTITION (...) names, empty for automatic routing
 */
public record LoadSpec(
    String columnSeparator,
    String rowSeparator,
    String columns,
    String where,
    List<String> partitions) {
  public static final String DEFAULT_COLUMN_SEPARATOR = "\t";
  public static final int MAX_SEPARATOR_BYTES = 50;

  public LoadSpec {
    requireNonNull(columnSeparator, "columnSeparator is null");
    requireNonNull(rowSeparator, "rowSeparator is null");
    requireNonNull(columns, "columns is null");
    requireNonNull(where, "where is null");
    partitions = List.copyOf(requireNonNull(partitions, "partitions is null"));
    if (columnSeparator.isEmpty()) {
      throw JobProperties.invalid("COLUMNS TERMINATED BY must not be empty");
    }
    if (columnSeparator.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
        > MAX_SEPARATOR_BYTES) {
      throw JobProperties.invalid(
          "COLUMNS TERMINATED BY must be at most " + MAX_SEPARATOR_BYTES + " bytes of UTF-8");
    }
  }
}
