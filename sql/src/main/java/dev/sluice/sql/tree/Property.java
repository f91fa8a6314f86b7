package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * One {@code "key" = "value"} pair. The key is lower-cased (keys are case-insensitive, as in
 * StarRocks); the value is the unescaped string exactly as written, case included.
 */
public record Property(String key, String value, Position position) implements Node {

  public Property {
    requireNonNull(key, "key is null");
    if (!key.equals(key.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("property key must be lower case: " + key);
    }
    requireNonNull(value, "value is null");
    requireNonNull(position, "position is null");
  }
}
