package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * {@code value LIKE pattern} (SQL wildcards {@code %} and {@code _}) or {@code value REGEXP
 * pattern} ({@code RLIKE} is a synonym), negated by a preceding NOT.
 */
public record Like(
    Kind kind, Expression value, Expression pattern, boolean negated, Position position)
    implements Expression {

  public enum Kind {
    LIKE,
    REGEXP
  }

  public Like {
    requireNonNull(kind, "kind is null");
    requireNonNull(value, "value is null");
    requireNonNull(pattern, "pattern is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public List<Expression> children() {
    return List.of(value, pattern);
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitLike(this);
  }
}
