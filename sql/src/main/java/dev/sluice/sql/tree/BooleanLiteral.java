package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

/** {@code TRUE} or {@code FALSE}. */
public record BooleanLiteral(boolean value, Position position) implements Literal {

  public BooleanLiteral {
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitBooleanLiteral(this);
  }
}
