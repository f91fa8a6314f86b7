package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

/** One {@code WHEN condition THEN result} of a {@link Case}. */
public record WhenClause(Expression condition, Expression result, Position position)
    implements Node {

  public WhenClause {
    requireNonNull(condition, "condition is null");
    requireNonNull(result, "result is null");
    requireNonNull(position, "position is null");
  }
}
