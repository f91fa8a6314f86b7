package dev.sluice.worker.decode;

import static java.util.Objects.requireNonNull;

import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TableColumn;
import dev.sluice.storage.schema.TableSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The ordered fields of a source record: the i-th CSV field or the i-th jsonpath feeds the i-th
 * column; without jsonpaths JSON keys are matched to the names. Names are unique ignoring case, as
 * StarRocks column names are.
 */
public record SourceColumns(List<SourceColumn> columns) {

  public SourceColumns {
    requireNonNull(columns, "columns is null");
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a record needs at least one source column");
    }
    Set<String> seen = new HashSet<>();
    for (SourceColumn column : columns) {
      if (!seen.add(fold(column.name()))) {
        throw new IllegalArgumentException("duplicate source column '" + column.name() + "'");
      }
    }
  }

  /**
   * The fields of a job's {@code COLUMNS} list, all needed. A name matching a table column
   * (ignoring case) takes its type and nullability; any other name is a nullable STRING
   * placeholder.
   */
  public static SourceColumns of(TableSchema table, List<String> names) {
    requireNonNull(names, "names is null");
    return of(table, names, new HashSet<>(names));
  }

  /**
   * Like {@link #of(TableSchema, List)}, but only the fields named in {@code needed} (ignoring
   * case) are decoded; the others are counted in CSV and otherwise skipped.
   *
   * @throws IllegalArgumentException if a name is blank or repeated, or a needed name is not in
   *     {@code names}
   */
  public static SourceColumns of(TableSchema table, List<String> names, Set<String> needed) {
    requireNonNull(table, "table is null");
    requireNonNull(names, "names is null");
    requireNonNull(needed, "needed is null");
    Set<String> foldedNeeded = new HashSet<>();
    for (String name : needed) {
      foldedNeeded.add(fold(requireNonNull(name, "needed name is null")));
    }
    List<SourceColumn> columns = new ArrayList<>(names.size());
    for (String name : names) {
      requireNonNull(name, "column name is null");
      boolean isNeeded = foldedNeeded.remove(fold(name));
      Optional<TableColumn> target = table.column(name);
      columns.add(
          target
              .map(
                  c ->
                      new SourceColumn(
                          name, c.type(), c.nullable(), isNeeded, Optional.of(c.name())))
              .orElseGet(
                  () ->
                      new SourceColumn(
                          name, ColumnType.string(), true, isNeeded, Optional.empty())));
    }
    if (!foldedNeeded.isEmpty()) {
      throw new IllegalArgumentException(
          "needed columns " + foldedNeeded + " are not in the source columns " + names);
    }
    return new SourceColumns(columns);
  }

  /**
   * The fields of a job without a {@code COLUMNS} list: the table's columns in order (CSV fields by
   * position, JSON keys by name), all needed.
   */
  public static SourceColumns ofTable(TableSchema table) {
    requireNonNull(table, "table is null");
    List<SourceColumn> columns = new ArrayList<>(table.size());
    for (TableColumn column : table.columns()) {
      columns.add(
          new SourceColumn(
              column.name(), column.type(), column.nullable(), true, Optional.of(column.name())));
    }
    return new SourceColumns(columns);
  }

  public int size() {
    return columns.size();
  }

  public SourceColumn column(int index) {
    return columns.get(index);
  }

  /** The position of the field named {@code name} ignoring case, or -1. */
  public int indexOf(String name) {
    requireNonNull(name, "name is null");
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** How many fields are decoded, which is how many vectors a {@link SourceBatch} holds. */
  public int neededCount() {
    int count = 0;
    for (SourceColumn column : columns) {
      if (column.needed()) {
        count++;
      }
    }
    return count;
  }

  /** The indexes of the decoded fields, in order. */
  public int[] neededIndexes() {
    int[] needed = new int[neededCount()];
    int n = 0;
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).needed()) {
        needed[n++] = i;
      }
    }
    return needed;
  }

  private static String fold(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
