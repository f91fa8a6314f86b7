package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

/** {@code NULL}. */
public record NullLiteral(Position position) implements Literal {

  public NullLiteral {
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitNullLiteral(this);
  }
}
