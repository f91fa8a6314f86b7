package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

/** A number with an exponent, e.g. {@code 1.5e3}; always finite. */
public record DoubleLiteral(double value, Position position) implements Literal {

  public DoubleLiteral {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite: " + value);
    }
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitDoubleLiteral(this);
  }
}
