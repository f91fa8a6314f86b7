package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

/** {@code LIMIT count [OFFSET offset]} or MySQL's {@code LIMIT offset, count}. */
public record Limit(long count, long offset, Position position) implements Node {

  public Limit {
    if (count < 0 || offset < 0) {
      throw new IllegalArgumentException("LIMIT and OFFSET must not be negative");
    }
    requireNonNull(position, "position is null");
  }
}
