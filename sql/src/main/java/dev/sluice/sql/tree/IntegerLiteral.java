package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;

/**
 * A whole number without a decimal point or exponent, e.g. {@code 42}. Kept as a {@link BigInteger}
 * because StarRocks has LARGEINT (128 bits); a minus sign written directly before the number is
 * folded into the value, so {@code -9223372036854775808} fits in a long.
 */
public record IntegerLiteral(BigInteger value, Position position) implements Literal {

  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  public IntegerLiteral {
    requireNonNull(value, "value is null");
    requireNonNull(position, "position is null");
  }

  public boolean fitsInLong() {
    return value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0;
  }

  /** The value as a long; throws ArithmeticException when it does not fit. */
  public long longValue() {
    return value.longValueExact();
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitIntegerLiteral(this);
  }
}
