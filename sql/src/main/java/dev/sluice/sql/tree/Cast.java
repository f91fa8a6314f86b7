package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** {@code CAST(value AS type)}; {@code type().text()} is the normalised type, e.g. DATE. */
public record Cast(Expression value, DataType type, Position position) implements Expression {

  public Cast {
    requireNonNull(value, "value is null");
    requireNonNull(type, "type is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public List<Expression> children() {
    return List.of(value);
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitCast(this);
  }
}
