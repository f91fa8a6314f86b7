package dev.sluice.controlplane.catalog;

import static java.util.Objects.requireNonNull;

import dev.sluice.controlplane.security.SecretNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A storage volume as stored; {@link #maskedProperties()} is what SHOW and DESC may print. */
public record StorageVolume(
    String name,
    String type,
    List<String> locations,
    String comment,
    Map<String, String> properties,
    boolean isDefault,
    boolean enabled) {
  public static final String MASK = SecretNames.MASK;

  public StorageVolume {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    locations = List.copyOf(requireNonNull(locations, "locations is null"));
    requireNonNull(comment, "comment is null");
    properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /** Properties with every credential replaced by {@value #MASK}. */
  public Map<String, String> maskedProperties() {
    return SecretNames.masked(properties);
  }
}
