package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * A number with a decimal point and no exponent, e.g. {@code 1.50}; exact, like StarRocks which
 * types such literals as DECIMAL. The scale is kept as written.
 */
public record DecimalLiteral(BigDecimal value, Position position) implements Literal {

  public DecimalLiteral {
    requireNonNull(value, "value is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitDecimalLiteral(this);
  }
}
