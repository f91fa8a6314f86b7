package dev.sluice.expr.vector;

import dev.sluice.expr.scalar.Decimals;
import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Conversions between BOOLEAN, BIGINT, DOUBLE and DECIMAL, one primitive loop per pair. Rules, as
 * StarRocks casts: to BOOLEAN is "not zero"; DOUBLE and DECIMAL to BIGINT truncate toward zero; to
 * DECIMAL rounds half away from zero to the scale. A value that does not fit the target fails the
 * row in strict mode and becomes NULL otherwise. BOOLEAN converts only to BIGINT here; the analyzer
 * chains BIGINT for the other targets.
 */
public final class NumericCastKernel extends OwnedVectorExpression<FieldVector> {

  private static final double LONG_LIMIT = 0x1p63;
  // Below this magnitude a double holds every integer exactly, so rounding it is exact.
  private static final double EXACT_LIMIT = 0x1p52;

  private final TypeKind from;
  private final int fromScale;
  private final boolean strict;

  public NumericCastKernel(
      VectorExpression input, ColumnType target, boolean strict, BufferAllocator allocator) {
    super(target, List.of(input), allocator);
    this.from = input.type().kind();
    this.fromScale = input.type().scale();
    this.strict = strict;
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    FieldVector in = child(0).evaluate(context);
    int rows = context.rowCount();
    Vectors.prepare(out, rows);
    ArrowBuf validity = out.getValidityBuffer();
    Validity.copy(in.getValidityBuffer(), validity, rows);
    ArrowBuf source = in.getDataBuffer();
    ArrowBuf target = out.getDataBuffer();
    TypeKind to = type().kind();
    if (from == TypeKind.BOOLEAN && to == TypeKind.BIGINT) {
      for (int row = 0; row < rows; row++) {
        target.setLong((long) row * 8, Validity.isSet(source, row) ? 1 : 0);
      }
    } else if (from == TypeKind.BIGINT && to == TypeKind.DOUBLE) {
      for (int row = 0; row < rows; row++) {
        target.setDouble((long) row * 8, (double) source.getLong((long) row * 8));
      }
    } else if (from == TypeKind.BIGINT && to == TypeKind.BOOLEAN) {
      writeBits(target, rows, source, 8);
    } else if (from == TypeKind.DOUBLE && to == TypeKind.BOOLEAN) {
      writeBits(target, rows, source, 8);
    } else if (from == TypeKind.DECIMAL && to == TypeKind.BOOLEAN) {
      writeBits(target, rows, source, 16);
    } else if (from == TypeKind.BIGINT && to == TypeKind.DECIMAL) {
      longToDecimal(source, target, validity, rows);
    } else if (from == TypeKind.DOUBLE && to == TypeKind.BIGINT) {
      doubleToLong(source, target, validity, rows);
    } else if (from == TypeKind.DOUBLE && to == TypeKind.DECIMAL) {
      doubleToDecimal(source, target, validity, rows);
    } else if (from == TypeKind.DECIMAL && to == TypeKind.BIGINT) {
      decimalToLong(source, target, validity, rows);
    } else if (from == TypeKind.DECIMAL && to == TypeKind.DOUBLE) {
      decimalToDouble(source, target, rows);
    } else if (from == TypeKind.DECIMAL && to == TypeKind.DECIMAL) {
      decimalToDecimal(source, target, validity, rows);
    } else {
      throw new IllegalStateException("no numeric cast from " + from + " to " + to);
    }
    out.setValueCount(rows);
    return out;
  }

  /** Non-zero values of {@code width} bytes become TRUE (a DOUBLE -0.0 is zero too). */
  private void writeBits(ArrowBuf target, int rows, ArrowBuf source, int width) {
    target.setZero(0, Validity.bytes(rows));
    for (int row = 0; row < rows; row++) {
      boolean nonZero;
      if (width == 16) {
        nonZero = (DecimalBuffers.low(source, row) | DecimalBuffers.high(source, row)) != 0;
      } else if (from == TypeKind.DOUBLE) {
        nonZero = source.getDouble((long) row * 8) != 0;
      } else {
        nonZero = source.getLong((long) row * 8) != 0;
      }
      if (nonZero) {
        Validity.set(target, row);
      }
    }
  }

  private void longToDecimal(ArrowBuf source, ArrowBuf target, ArrowBuf validity, int rows) {
    int scale = type().scale();
    int precision = type().precision();
    for (int row = 0; row < rows; row++) {
      long v = source.getLong((long) row * 8);
      long unscaled = Decimals.scaleUp(v, scale);
      if (unscaled != Decimals.OVERFLOW && Decimals.fits(unscaled, precision)) {
        DecimalBuffers.set(target, row, unscaled);
        continue;
      }
      BigInteger big = BigInteger.valueOf(v).multiply(Decimals.bigPow10(scale));
      if (Decimals.fits(big, precision)) {
        DecimalBuffers.set(target, row, big);
      } else {
        failRow(validity, row, Long.toString(v));
      }
    }
  }

  private void doubleToLong(ArrowBuf source, ArrowBuf target, ArrowBuf validity, int rows) {
    for (int row = 0; row < rows; row++) {
      double v = source.getDouble((long) row * 8);
      if (v > -LONG_LIMIT && v < LONG_LIMIT) {
        target.setLong((long) row * 8, (long) v);
      } else if (v == -LONG_LIMIT) {
        target.setLong((long) row * 8, Long.MIN_VALUE);
      } else {
        failRow(validity, row, Double.toString(v));
      }
    }
  }

  private void doubleToDecimal(ArrowBuf source, ArrowBuf target, ArrowBuf validity, int rows) {
    int scale = type().scale();
    int precision = type().precision();
    double factor = Math.pow(10, scale);
    for (int row = 0; row < rows; row++) {
      double v = source.getDouble((long) row * 8);
      double scaled = v * factor;
      double magnitude = Math.abs(scaled);
      double fraction = magnitude - Math.floor(magnitude);
      // Exact only when the scaled value is far from a rounding boundary: 1.005 * 100 is
      // 100.49999999999999, which must round like the decimal 1.005 the user wrote.
      if (magnitude < EXACT_LIMIT && Math.abs(fraction - 0.5) > 1e-6) {
        long unscaled = (long) (magnitude + 0.5);
        unscaled = scaled < 0 ? -unscaled : unscaled;
        if (Decimals.fits(unscaled, precision)) {
          DecimalBuffers.set(target, row, unscaled);
        } else {
          failRow(validity, row, Double.toString(v));
        }
        continue;
      }
      if (!Double.isFinite(v)) {
        failRow(validity, row, Double.toString(v));
        continue;
      }
      BigInteger big = BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP).unscaledValue();
      if (Decimals.fits(big, precision)) {
        DecimalBuffers.set(target, row, big);
      } else {
        failRow(validity, row, Double.toString(v));
      }
    }
  }

  private void decimalToLong(ArrowBuf source, ArrowBuf target, ArrowBuf validity, int rows) {
    for (int row = 0; row < rows; row++) {
      long low = DecimalBuffers.low(source, row);
      long high = DecimalBuffers.high(source, row);
      if (DecimalBuffers.fitsLong(low, high)) {
        target.setLong((long) row * 8, fromScale == 0 ? low : low / Decimals.POW10[fromScale]);
        continue;
      }
      BigInteger whole = DecimalBuffers.big(low, high).divide(Decimals.bigPow10(fromScale));
      if (whole.bitLength() < 64) {
        target.setLong((long) row * 8, whole.longValue());
      } else {
        failRow(validity, row, new BigDecimal(DecimalBuffers.big(low, high), fromScale).toString());
      }
    }
  }

  private void decimalToDouble(ArrowBuf source, ArrowBuf target, int rows) {
    for (int row = 0; row < rows; row++) {
      long low = DecimalBuffers.low(source, row);
      long high = DecimalBuffers.high(source, row);
      double v =
          DecimalBuffers.fitsLong(low, high)
              ? Decimals.toDouble(low, fromScale)
              : new BigDecimal(DecimalBuffers.big(low, high), fromScale).doubleValue();
      target.setDouble((long) row * 8, v);
    }
  }

  private void decimalToDecimal(ArrowBuf source, ArrowBuf target, ArrowBuf validity, int rows) {
    int scale = type().scale();
    int precision = type().precision();
    for (int row = 0; row < rows; row++) {
      long low = DecimalBuffers.low(source, row);
      long high = DecimalBuffers.high(source, row);
      if (DecimalBuffers.fitsLong(low, high)) {
        long unscaled = Decimals.rescale(low, fromScale, scale);
        if (unscaled != Decimals.OVERFLOW) {
          if (Decimals.fits(unscaled, precision)) {
            DecimalBuffers.set(target, row, unscaled);
          } else {
            failRow(validity, row, new BigDecimal(BigInteger.valueOf(low), fromScale).toString());
          }
          continue;
        }
      }
      BigInteger big = Decimals.rescale(DecimalBuffers.big(low, high), fromScale, scale);
      if (Decimals.fits(big, precision)) {
        DecimalBuffers.set(target, row, big);
      } else {
        failRow(validity, row, new BigDecimal(DecimalBuffers.big(low, high), fromScale).toString());
      }
    }
  }

  // Values in NULL rows are arbitrary and may not fit: only valid rows fail.
  private void failRow(ArrowBuf validity, int row, String value) {
    if (!Validity.isSet(validity, row)) {
      return;
    }
    Validity.clear(validity, row);
    if (strict) {
      fail(row, Reasons.outOfRange(value, type().toString()));
    }
  }
}
