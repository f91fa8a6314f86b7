package dev.sluice.controlplane.jobs;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/** CREATE ROUTINE LOAD, resolved to a database, before validation of its properties. */
public record JobDefinition(
    String database,
    String name,
    String table,
    LoadSpec loadSpec,
    Map<String, String> properties,
    Map<String, String> source,
    String createSql) {
  public JobDefinition {
    requireNonNull(database, "database is null");
    requireNonNull(name, "name is null");
    requireNonNull(table, "table is null");
    requireNonNull(loadSpec, "loadSpec is null");
    properties = Map.copyOf(requireNonNull(properties, "properties is null"));
    source = Map.copyOf(requireNonNull(source, "source is null"));
    requireNonNull(createSql, "createSql is null");
  }
}
