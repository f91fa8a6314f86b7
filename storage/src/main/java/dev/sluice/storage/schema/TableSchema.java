package dev.sluice.storage.schema;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.schema.MessageType;

/**
 * The columns of a table, in order. Names are unique ignoring case, as StarRocks column names are
 * case-insensitive; lookups by name ignore case too.
 */
public record TableSchema(List<TableColumn> columns) {

  public TableSchema {
    requireNonNull(columns, "columns is null");
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a table needs at least one column");
    }
    Map<String, String> seen = new HashMap<>();
    for (TableColumn column : columns) {
      String previous = seen.putIfAbsent(fold(column.name()), column.name());
      if (previous != null) {
        throw new IllegalArgumentException(
            "duplicate column name: " + column.name() + " and " + previous);
      }
    }
  }

  public static TableSchema of(TableColumn... columns) {
    return new TableSchema(List.of(columns));
  }

  public int size() {
    return columns.size();
  }

  public TableColumn column(int index) {
    return columns.get(index);
  }

  /** The position of the column named {@code name} ignoring case, or -1. */
  public int indexOf(String name) {
    requireNonNull(name, "name is null");
    String folded = fold(name);
    for (int i = 0; i < columns.size(); i++) {
      if (fold(columns.get(i).name()).equals(folded)) {
        return i;
      }
    }
    return -1;
  }

  public Optional<TableColumn> column(String name) {
    int index = indexOf(name);
    return index < 0 ? Optional.empty() : Optional.of(columns.get(index));
  }

  /** The Arrow schema that batches given to the tablet writer must have (extra fields allowed). */
  public Schema arrowSchema() {
    return ArrowTypes.schema(this);
  }

  /** The Parquet schema of this table's tablets. */
  public MessageType parquetSchema() {
    return ParquetTypes.schema(this);
  }

  private static String fold(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
