package dev.sluice.expr.vector;

import dev.sluice.expr.scalar.Decimals;
import dev.sluice.storage.schema.ColumnType;
import java.math.BigInteger;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * DECIMAL {@code + - * / %} into the result type the analyzer chose (see its scale rules). Each row
 * is computed in longs when operands and result fit, which is the usual case, and with BigInteger
 * otherwise. Results are rounded half away from zero to the result scale; one that does not fit the
 * result precision fails the row in strict mode and is NULL otherwise; division or modulus by zero
 * is NULL.
 */
public final class DecimalArithmeticKernel extends OwnedVectorExpression<FieldVector> {

  private final ArithmeticOperator operator;
  private final int leftScale;
  private final int rightScale;
  private final int scale;
  private final int precision;
  private final boolean strict;
  private final String sql;

  public DecimalArithmeticKernel(
      ArithmeticOperator operator,
      ColumnType resultType,
      VectorExpression left,
      VectorExpression right,
      boolean strict,
      String sql,
      BufferAllocator allocator) {
    super(resultType, List.of(left, right), allocator);
    this.operator = operator;
    this.leftScale = left.type().scale();
    this.rightScale = right.type().scale();
    this.scale = resultType.scale();
    this.precision = resultType.precision();
    this.strict = strict;
    this.sql = sql;
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    FieldVector left = child(0).evaluate(context);
    FieldVector right = child(1).evaluate(context);
    int rows = context.rowCount();
    Vectors.prepare(out, rows);
    ArrowBuf validity = out.getValidityBuffer();
    Validity.and(left.getValidityBuffer(), right.getValidityBuffer(), validity, rows);
    ArrowBuf a = left.getDataBuffer();
    ArrowBuf b = right.getDataBuffer();
    ArrowBuf target = out.getDataBuffer();
    for (int row = 0; row < rows; row++) {
      long xLow = DecimalBuffers.low(a, row);
      long xHigh = DecimalBuffers.high(a, row);
      long yLow = DecimalBuffers.low(b, row);
      long yHigh = DecimalBuffers.high(b, row);
      boolean zero = yLow == 0 && yHigh == 0;
      if (zero
          && (operator == ArithmeticOperator.DIVIDE || operator == ArithmeticOperator.MODULUS)) {
        Validity.clear(validity, row);
        continue;
      }
      long result = Decimals.OVERFLOW;
      if (DecimalBuffers.fitsLong(xLow, xHigh) && DecimalBuffers.fitsLong(yLow, yHigh)) {
        result = computeLong(xLow, yLow);
      }
      if (result != Decimals.OVERFLOW) {
        if (Decimals.fits(result, precision)) {
          DecimalBuffers.set(target, row, result);
        } else {
          overflow(validity, row);
        }
        continue;
      }
      BigInteger big = computeBig(DecimalBuffers.big(xLow, xHigh), DecimalBuffers.big(yLow, yHigh));
      if (Decimals.fits(big, precision)) {
        DecimalBuffers.set(target, row, big);
      } else {
        overflow(validity, row);
      }
    }
    out.setValueCount(rows);
    return out;
  }

  /** The unscaled result at the result scale, or OVERFLOW to take the BigInteger path. */
  private long computeLong(long x, long y) {
    switch (operator) {
      case ADD:
        return Decimals.add(
            Decimals.rescale(x, leftScale, scale), Decimals.rescale(y, rightScale, scale));
      case SUBTRACT:
        {
          long negated = Decimals.rescale(y, rightScale, scale);
          return negated == Decimals.OVERFLOW
              ? Decimals.OVERFLOW
              : Decimals.add(Decimals.rescale(x, leftScale, scale), -negated);
        }
      case MULTIPLY:
        {
          long product = Decimals.multiply(x, y);
          return product == Decimals.OVERFLOW
              ? Decimals.OVERFLOW
              : Decimals.rescale(product, leftScale + rightScale, scale);
        }
      case DIVIDE:
        {
          // x / y at scale s: x * 10^(s - sx + sy) / y, rounded.
          long numerator = Decimals.scaleUp(x, scale - leftScale + rightScale);
          if (numerator == Decimals.OVERFLOW || y == Long.MIN_VALUE) {
            return Decimals.OVERFLOW;
          }
          if (y < 0) {
            numerator = -numerator;
            y = -y;
          }
          return Decimals.divideRoundHalfUp(numerator, y);
        }
      default:
        {
          int common = Math.max(leftScale, rightScale);
          long dividend = Decimals.rescale(x, leftScale, common);
          long divisor = Decimals.rescale(y, rightScale, common);
          if (dividend == Decimals.OVERFLOW || divisor == Decimals.OVERFLOW) {
            return Decimals.OVERFLOW;
          }
          return Decimals.rescale(dividend % divisor, common, scale);
        }
    }
  }

  private BigInteger computeBig(BigInteger x, BigInteger y) {
    switch (operator) {
      case ADD:
        return Decimals.rescale(x, leftScale, scale).add(Decimals.rescale(y, rightScale, scale));
      case SUBTRACT:
        return Decimals.rescale(x, leftScale, scale)
            .subtract(Decimals.rescale(y, rightScale, scale));
      case MULTIPLY:
        return Decimals.rescale(x.multiply(y), leftScale + rightScale, scale);
      case DIVIDE:
        return Decimals.divideRoundHalfUp(
            x.multiply(Decimals.bigPow10(scale - leftScale + rightScale)), y);
      default:
        {
          int common = Math.max(leftScale, rightScale);
          BigInteger dividend = Decimals.rescale(x, leftScale, common);
          BigInteger divisor = Decimals.rescale(y, rightScale, common);
          return Decimals.rescale(dividend.remainder(divisor), common, scale);
        }
    }
  }

  private void overflow(ArrowBuf validity, int row) {
    if (!Validity.isSet(validity, row)) {
      return;
    }
    Validity.clear(validity, row);
    if (strict) {
      fail(row, Reasons.overflow(type().toString(), sql));
    }
  }
}
