package dev.sluice.expr.vector;

import dev.sluice.expr.scalar.Decimals;
import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code round(x[, d])} (half away from zero), {@code floor(x)} and {@code ceil(x)} of DOUBLE and
 * DECIMAL. DOUBLE: round gives DOUBLE, floor and ceil give BIGINT (out of range fails in strict
 * mode, NULL otherwise). DECIMAL(p, s): the result type, chosen by the analyzer, has scale {@code
 * d} (0 for floor and ceil) and never overflows. A DOUBLE is rounded as the decimal number it
 * prints as, so {@code round(1.005, 2)} is 1.01 even though the double is slightly below 1.005.
 */
public final class RoundKernel extends OwnedVectorExpression<FieldVector> {

  /** The rounding mode. */
  public enum Mode {
    ROUND,
    FLOOR,
    CEIL
  }

  private static final double LONG_LIMIT = 0x1p63;

  private final Mode mode;
  private final boolean decimal;
  private final int inputScale;
  private final int digits;
  private final boolean strict;
  private final String sql;

  /**
   * @param digits the constant {@code d} for DECIMAL input (ignored for DOUBLE, which reads {@code
   *     digitsInput} per row when given)
   * @param digitsInput a BIGINT kernel with {@code d} per row, or null
   */
  public RoundKernel(
      Mode mode,
      ColumnType resultType,
      VectorExpression input,
      VectorExpression digitsInput,
      int digits,
      boolean strict,
      String sql,
      BufferAllocator allocator) {
    super(resultType, children(input, digitsInput), allocator);
    this.mode = mode;
    this.decimal = input.type().kind() == TypeKind.DECIMAL;
    this.inputScale = input.type().scale();
    this.digits = digits;
    this.strict = strict;
    this.sql = sql;
  }

  private static List<VectorExpression> children(VectorExpression input, VectorExpression digits) {
    List<VectorExpression> children = new ArrayList<>();
    children.add(input);
    if (digits != null) {
      children.add(digits);
    }
    return children;
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    FieldVector in = child(0).evaluate(context);
    FieldVector digitsVector = childCount() > 1 ? child(1).evaluate(context) : null;
    int rows = context.rowCount();
    Vectors.prepare(out, rows);
    ArrowBuf validity = out.getValidityBuffer();
    if (digitsVector != null) {
      Validity.and(in.getValidityBuffer(), digitsVector.getValidityBuffer(), validity, rows);
    } else {
      Validity.copy(in.getValidityBuffer(), validity, rows);
    }
    ArrowBuf source = in.getDataBuffer();
    ArrowBuf target = out.getDataBuffer();
    if (decimal) {
      roundDecimals(source, target, rows);
    } else if (mode == Mode.ROUND) {
      for (int row = 0; row < rows; row++) {
        long d = digitsVector == null ? 0 : digitsVector.getDataBuffer().getLong((long) row * 8);
        target.setDouble((long) row * 8, roundDouble(source.getDouble((long) row * 8), d));
      }
    } else {
      for (int row = 0; row < rows; row++) {
        double v = source.getDouble((long) row * 8);
        double r = mode == Mode.FLOOR ? Math.floor(v) : Math.ceil(v);
        if (r >= -LONG_LIMIT && r < LONG_LIMIT) {
          target.setLong((long) row * 8, (long) r);
        } else if (Validity.isSet(validity, row)) {
          Validity.clear(validity, row);
          if (strict) {
            fail(row, Reasons.outOfRange(Double.toString(v), "BIGINT") + " in " + sql);
          }
        }
      }
    }
    out.setValueCount(rows);
    return out;
  }

  static double roundDouble(double value, long digits) {
    if (!Double.isFinite(value) || digits > 300) {
      return value;
    }
    if (digits < -308) {
      return 0.0 * Math.signum(value);
    }
    double factor = Math.pow(10, Math.abs(digits));
    double scaled = digits >= 0 ? value * factor : value / factor;
    double magnitude = Math.abs(scaled);
    double fraction = magnitude - Math.floor(magnitude);
    if (magnitude < 0x1p52 && Math.abs(fraction - 0.5) > 1e-6 && Double.isFinite(factor)) {
      double rounded = Math.floor(magnitude + 0.5) * Math.signum(scaled);
      return digits >= 0 ? rounded / factor : rounded * factor;
    }
    if (magnitude >= 0x1p52) {
      // Already an integer at this scale.
      return value;
    }
    return BigDecimal.valueOf(value).setScale((int) digits, RoundingMode.HALF_UP).doubleValue();
  }

  private void roundDecimals(ArrowBuf source, ArrowBuf target, int rows) {
    int scale = type().scale();
    // Digits kept: d for round, 0 for floor and ceil; dropped = inputScale - kept.
    int kept = mode == Mode.ROUND ? digits : 0;
    int dropped = inputScale - kept;
    for (int row = 0; row < rows; row++) {
      long low = DecimalBuffers.low(source, row);
      long high = DecimalBuffers.high(source, row);
      if (dropped <= 0) {
        // Nothing to drop: only the scale may change (round(x, d) with d >= scale).
        if (DecimalBuffers.fitsLong(low, high)) {
          long v = Decimals.rescale(low, inputScale, scale);
          if (v != Decimals.OVERFLOW) {
            DecimalBuffers.set(target, row, v);
            continue;
          }
        }
        DecimalBuffers.set(
            target, row, Decimals.rescale(DecimalBuffers.big(low, high), inputScale, scale));
        continue;
      }
      if (DecimalBuffers.fitsLong(low, high) && dropped < Decimals.POW10.length) {
        long q = divide(low, Decimals.POW10[dropped]);
        // Negative d (round to tens, hundreds): scale 0, so the dropped digits come back as zeros.
        long v = Decimals.scaleUp(q, Math.max(0, -kept) + scale - Math.max(0, kept));
        if (v != Decimals.OVERFLOW) {
          DecimalBuffers.set(target, row, v);
          continue;
        }
      }
      BigInteger big = DecimalBuffers.big(low, high);
      BigInteger[] qr = big.divideAndRemainder(Decimals.bigPow10(dropped));
      BigInteger q = qr[0];
      if (qr[1].signum() != 0) {
        switch (mode) {
          case FLOOR -> q = big.signum() < 0 ? q.subtract(BigInteger.ONE) : q;
          case CEIL -> q = big.signum() > 0 ? q.add(BigInteger.ONE) : q;
          case ROUND -> q = Decimals.divideRoundHalfUp(big, Decimals.bigPow10(dropped));
        }
      }
      DecimalBuffers.set(
          target,
          row,
          q.multiply(Decimals.bigPow10(Math.max(0, -kept) + scale - Math.max(0, kept))));
    }
  }

  private long divide(long value, long divisor) {
    switch (mode) {
      case FLOOR:
        return Math.floorDiv(value, divisor);
      case CEIL:
        return -Math.floorDiv(-value, divisor);
      default:
        return Decimals.divideRoundHalfUp(value, divisor);
    }
  }
}
