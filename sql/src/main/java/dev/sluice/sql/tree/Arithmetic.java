package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A binary arithmetic operation, e.g. {@code k1 + k2}. */
public record Arithmetic(Operator operator, Expression left, Expression right, Position position)
    implements Expression {

  public enum Operator {
    ADD("+"),
    SUBTRACT("-"),
    MULTIPLY("*"),
    DIVIDE("/"),
    MODULUS("%");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  public Arithmetic {
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
    return visitor.visitArithmetic(this);
  }
}
