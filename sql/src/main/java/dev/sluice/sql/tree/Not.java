package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** {@code NOT value}. */
public record Not(Expression value, Position position) implements Expression {

  public Not {
    requireNonNull(value, "value is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public List<Expression> children() {
    return List.of(value);
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitNot(this);
  }
}
