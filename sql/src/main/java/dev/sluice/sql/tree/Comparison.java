package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A comparison, e.g. {@code k1 > 100}. {@code <>} and {@code !=} are both NOT_EQUAL. */
public record Comparison(Operator operator, Expression left, Expression right, Position position)
    implements Expression {

  public enum Operator {
    EQUAL("="),
    NOT_EQUAL("!="),
    LESS_THAN("<"),
    LESS_THAN_OR_EQUAL("<="),
    GREATER_THAN(">"),
    GREATER_THAN_OR_EQUAL(">="),
    /** {@code <=>}: like =, but NULL <=> NULL is true and NULL <=> 1 is false. */
    NULL_SAFE_EQUAL("<=>");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  public Comparison {
    requireNonNull(operator, "operator is null");
    requireNonNull(left, "left is null");
    requireNonNull(right, "right is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public List<Expression> children() {
    return List.of(left, right);
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitComparison(this);
  }
}
