package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One entry of a routine load's {@code COLUMNS (...)}: a bare name maps the next source field to
 * that name (a name that is not a table column is a placeholder that skips the field); {@code name
 * = expression} derives a column from the mapped ones.
 */
public record ColumnMapping(String name, Optional<Expression> expression, Position position)
    implements Node {

  public ColumnMapping {
    requireNonNull(name, "name is null");
    requireNonNull(expression, "expression is null");
    requireNonNull(position, "position is null");
  }

  /** True for {@code name = expression}. */
  public boolean isDerived() {
    return expression.isPresent();
  }
}
