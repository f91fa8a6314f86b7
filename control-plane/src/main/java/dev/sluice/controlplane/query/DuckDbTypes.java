package dev.sluice.controlplane.query;

import dev.sluice.storage.schema.ColumnType;

/** The DuckDB type that reads back what a table column's Parquet type holds. */
final class DuckDbTypes {
  private DuckDbTypes() {}

  static String of(String starRocksType) {
    ColumnType type = ColumnType.parse(starRocksType);
    return switch (type.kind()) {
      case BOOLEAN -> "BOOLEAN";
      case TINYINT -> "TINYINT";
      case SMALLINT -> "SMALLINT";
      case INT -> "INTEGER";
      case BIGINT -> "BIGINT";
      case LARGEINT -> "DECIMAL(38,0)";
      case FLOAT -> "FLOAT";
      case DOUBLE -> "DOUBLE";
      case DECIMAL -> "DECIMAL(" + type.precision() + "," + type.scale() + ")";
      case DATE -> "DATE";
      case DATETIME -> "TIMESTAMP";
      case CHAR, VARCHAR, STRING -> "VARCHAR";
    };
  }
}
