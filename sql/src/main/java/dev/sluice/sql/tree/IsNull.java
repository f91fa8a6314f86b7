package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** {@code value IS NULL}, or {@code value IS NOT NULL} when {@code negated}. */
public record IsNull(Expression value, boolean negated, Position position) implements Expression {

  public IsNull {
    requireNonNull(value, "value is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public List<Expression> children() {
    return List.of(value);
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitIsNull(this);
  }
}
