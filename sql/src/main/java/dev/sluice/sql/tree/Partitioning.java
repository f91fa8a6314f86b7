package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Expression partitioning of a CREATE TABLE: {@code PARTITION BY col[, col...]} or {@code PARTITION
 * BY date_trunc('day', col)}: each expression is a {@link ColumnRef} or a {@link FunctionCall}.
 * RANGE and LIST partitioning are rejected by the parser.
 */
public record Partitioning(List<Expression> expressions, Position position) implements Node {

  public Partitioning {
    expressions = List.copyOf(requireNonNull(expressions, "expressions is null"));
    if (expressions.isEmpty()) {
      throw new IllegalArgumentException("PARTITION BY needs at least one expression");
    }
    requireNonNull(position, "position is null");
  }
}
