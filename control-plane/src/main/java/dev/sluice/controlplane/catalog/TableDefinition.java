package dev.sluice.controlplane.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table of the catalog. {@code id} is 0 until the table is stored.
 *
 * @param partitionBy PARTITION BY expressions as SQL text; empty when unpartitioned
 * @param distributedBy the HASH columns; empty for RANDOM distribution
 */
public record TableDefinition(
    long id,
    String database,
    String name,
    List<Column> columns,
    KeyModel keyModel,
    List<String> keyColumns,
    List<String> partitionBy,
    List<String> distributedBy,
    int buckets,
    String comment,
    Map<String, String> properties,
    String storageVolume,
    String createSql) {

  public TableDefinition {
    requireNonNull(database, "database is null");
    requireNonNull(name, "name is null");
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    requireNonNull(keyModel, "keyModel is null");
    keyColumns = List.copyOf(requireNonNull(keyColumns, "keyColumns is null"));
    partitionBy = List.copyOf(requireNonNull(partitionBy, "partitionBy is null"));
    distributedBy = List.copyOf(requireNonNull(distributedBy, "distributedBy is null"));
    requireNonNull(comment, "comment is null");
    properties = Map.copyOf(requireNonNull(properties, "properties is null"));
    requireNonNull(storageVolume, "storageVolume is null");
    requireNonNull(createSql, "createSql is null");
    if (buckets < 1) {
      throw new IllegalArgumentException("buckets must be at least 1: " + buckets);
    }
  }

  public Optional<Column> findColumn(String columnName) {
    for (Column column : columns) {
      if (column.name().equalsIgnoreCase(columnName)) {
        return Optional.of(column);
      }
    }
    return Optional.empty();
  }

  /** A column: {@code type} is the normalized StarRocks type text, e.g. {@code VARCHAR(26)}. */
  public record Column(
      String name,
      String type,
      boolean nullable,
      boolean key,
      Optional<String> aggregation,
      Optional<String> defaultValue,
      String comment) {
    public Column {
      requireNonNull(name, "name is null");
      requireNonNull(type, "type is null");
      requireNonNull(aggregation, "aggregation is null");
      requireNonNull(defaultValue, "defaultValue is null");
      requireNonNull(comment, "comment is null");
    }
  }
}
