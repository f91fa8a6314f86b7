package dev.sluice.controlplane.jobs;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/** ALTER ROUTINE LOAD: what to change; absent or empty parts stay as they are. */
public record JobAlteration(
    String database,
    String name,
    Optional<LoadSpec> loadSpec,
    Map<String, String> properties,
    Map<String, String> source) {
  public JobAlteration {
    requireNonNull(database, "database is null");
    requireNonNull(name, "name is null");
    requireNonNull(loadSpec, "loadSpec is null");
    properties = Map.copyOf(requireNonNull(properties, "properties is null"));
    source = Map.copyOf(requireNonNull(source, "source is null"));
  }
}
