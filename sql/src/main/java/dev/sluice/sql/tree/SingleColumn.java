package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** {@code expression [[AS] alias]}. */
public record SingleColumn(Expression expression, Optional<String> alias, Position position)
    implements SelectItem {

  public SingleColumn {
    requireNonNull(expression, "expression is null");
    requireNonNull(alias, "alias is null");
    requireNonNull(position, "position is null");
  }
}
