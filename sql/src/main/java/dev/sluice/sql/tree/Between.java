package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** {@code value BETWEEN lower AND upper} (inclusive), or {@code NOT BETWEEN} when negated. */
public record Between(
    Expression value, Expression lower, Expression upper, boolean negated, Position position)
    implements Expression {

  public Between {
    requireNonNull(value, "value is null");
    requireNonNull(lower, "lower is null");
    requireNonNull(upper, "upper is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public List<Expression> children() {
    return List.of(value, lower, upper);
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitBetween(this);
  }
}
