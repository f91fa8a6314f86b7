package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

/** {@code expression [ASC | DESC]} of an ORDER BY; ascending unless DESC was written. */
public record SortItem(Expression expression, boolean ascending, Position position)
    implements Node {

  public SortItem {
    requireNonNull(expression, "expression is null");
    requireNonNull(position, "position is null");
  }
}
