package dev.sluice.controlplane.catalog;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
  public static final String MASK = "******";

  public StorageVolume {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    locations = List.copyOf(requireNonNull(locations, "locations is null"));
    requireNonNull(comment, "comment is null");
    properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /** Properties with every credential replaced by {@value #MASK}. */
  public Map<String, String> maskedProperties() {
    Map<String, String> masked = new LinkedHashMap<>();
    properties.forEach((key, value) -> masked.put(key, isSecret(key) ? MASK : value));
    return masked;
  }

  /** Names that hold credentials, in storage volume and Kafka properties alike. */
  public static boolean isSecret(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return lower.contains("secret")
        || lower.contains("password")
        || lower.endsWith("access_key")
        || lower.contains("sasl.jaas.config")
        || lower.contains("token")
        || lower.endsWith("key.pem")
        || lower.endsWith("ssl.key.location");
  }
}
