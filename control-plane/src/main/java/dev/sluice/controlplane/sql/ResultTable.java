package dev.sluice.controlplane.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a statement returns: a table of text values (a {@code null} value is SQL NULL), or just a
 * message such as "Query OK, 0 rows affected" when {@code columns} is empty.
 */
public record ResultTable(List<String> columns, List<List<String>> rows, String message) {
  public ResultTable {
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    List<List<String>> copied = new ArrayList<>();
    for (List<String> row : requireNonNull(rows, "rows is null")) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(
            "row has " + row.size() + " values for " + columns.size() + " columns");
      }
      copied.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copied);
    requireNonNull(message, "message is null");
  }

  public static ResultTable of(List<String> columns, List<List<String>> rows) {
    return new ResultTable(columns, rows, "");
  }

  public static ResultTable ok() {
    return new ResultTable(List.of(), List.of(), "Query OK, 0 rows affected");
  }

  public boolean hasTable() {
    return !columns.isEmpty();
  }
}
