package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A column name, optionally qualified by a table name or alias ({@code t.price}). The name keeps
 * the case it was written in; StarRocks column names are case-insensitive, so compare with {@code
 * equalsIgnoreCase}.
 */
public record ColumnRef(Optional<String> qualifier, String name, Position position)
    implements Expression {

  public ColumnRef {
    requireNonNull(qualifier, "qualifier is null");
    requireNonNull(name, "name is null");
    requireNonNull(position, "position is null");
  }

  public static ColumnRef of(String name, Position position) {
    return new ColumnRef(Optional.empty(), name, position);
  }

  @Override
  public List<Expression> children() {
    return List.of();
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitColumnRef(this);
  }
}
