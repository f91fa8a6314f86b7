package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Unary minus, e.g. {@code -price}. A minus directly before a numeric literal is folded into the
 * literal instead ({@code -1} is an {@link IntegerLiteral} of -1); unary plus is dropped.
 */
public record Negative(Expression value, Position position) implements Expression {

  public Negative {
    requireNonNull(value, "value is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public List<Expression> children() {
    return List.of(value);
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitNegative(this);
  }
}
