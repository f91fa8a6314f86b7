package dev.sluice.storage.schema;

import static java.util.Objects.requireNonNull;

/** A table column; NOT NULL columns are REQUIRED in Parquet and non-nullable in Arrow. */
public record TableColumn(String name, ColumnType type, boolean nullable) {

  /** StarRocks' limit on column name length. */
  public static final int MAX_NAME_LENGTH = 1024;

  public TableColumn {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("column name is blank");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "column name is longer than " + MAX_NAME_LENGTH + " characters: " + name);
    }
  }

  /** A column from its name, StarRocks type text and nullability. */
  public static TableColumn of(String name, String type, boolean nullable) {
    return new TableColumn(name, ColumnType.parse(type), nullable);
  }

  @Override
  public String toString() {
    return name + " " + type + (nullable ? " NULL" : " NOT NULL");
  }
}
