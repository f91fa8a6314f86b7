package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pairs of a {@code PROPERTIES (...)} or {@code FROM KAFKA (...)} clause, in source order, keys
 * unique (the parser reports duplicates). Empty when the clause was absent.
 */
public record PropertyList(List<Property> properties) {

  public static final PropertyList EMPTY = new PropertyList(List.of());

  public PropertyList {
    properties = List.copyOf(requireNonNull(properties, "properties is null"));
    Set<String> keys = new HashSet<>();
    for (Property property : properties) {
      if (!keys.add(property.key())) {
        throw new IllegalArgumentException("duplicate property key: " + property.key());
      }
    }
  }

  public boolean isEmpty() {
    return properties.isEmpty();
  }

  /** The value for {@code key}, looked up case-insensitively. */
  public Optional<String> get(String key) {
    return find(key).map(Property::value);
  }

  /** Where the pair for {@code key} was written, to point error messages at it. */
  public Optional<Position> positionOf(String key) {
    return find(key).map(Property::position);
  }

  /** The pairs as an unmodifiable map that iterates in source order. */
  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (Property property : properties) {
      map.put(property.key(), property.value());
    }
    return Collections.unmodifiableMap(map);
  }

  private Optional<Property> find(String key) {
    String wanted = requireNonNull(key, "key is null").toLowerCase(Locale.ROOT);
    return properties.stream().filter(p -> p.key().equals(wanted)).findFirst();
  }
}
