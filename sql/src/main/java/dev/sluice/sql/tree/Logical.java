package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * {@code AND} or {@code OR} over two or more terms. Chains of the same operator are flattened
 * ({@code a OR b OR c} is one node with three terms), which keeps the tree shallow for the long OR
 * lists that generated SQL likes; mixed operators nest by precedence.
 */
public record Logical(Operator operator, List<Expression> terms, Position position)
    implements Expression {

  public enum Operator {
    AND,
    OR
  }

  public Logical {
    requireNonNull(operator, "operator is null");
    terms = List.copyOf(requireNonNull(terms, "terms is null"));
    if (terms.size() < 2) {
      throw new IllegalArgumentException("a logical expression needs at least two terms");
    }
    requireNonNull(position, "position is null");
  }

  @Override
  public List<Expression> children() {
    return terms;
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitLogical(this);
  }
}
