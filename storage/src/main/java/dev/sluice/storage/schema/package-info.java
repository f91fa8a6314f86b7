/**
 * Table columns in StarRocks terms ({@link dev.sluice.storage.schema.ColumnType}, {@link
 * dev.sluice.storage.schema.TableColumn}, {@link dev.sluice.storage.schema.TableSchema}) and how
 * each maps to an Arrow field ({@link dev.sluice.storage.schema.ArrowTypes}) and a Parquet column
 * ({@link dev.sluice.storage.schema.ParquetTypes}).
 */
package dev.sluice.storage.schema;
