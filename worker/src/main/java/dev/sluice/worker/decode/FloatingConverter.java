package dev.sluice.worker.decode;

import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;

/**
 * FLOAT and DOUBLE: {@code [+-]digits[.digits][e[+-]digits]} (also {@code .5} and {@code 5.}). NaN,
 * infinities and values that overflow the type fail.
 *
 * <p>Values with few significant digits and a small exponent, which is most data, are computed
 * exactly with one floating point operation (Clinger's fast path: both operands are exact, so the
 * one rounding is the correct one). Anything else goes through the JDK's correctly rounded parser,
 * paying for a String.
 */
final class FloatingConverter extends ValueConverter {

  /**
   * Significant digits kept in the mantissa: 18 always fit in a long. Beyond them the fast path
   * does not apply anyway (it needs a mantissa below 2^53).
   */
  private static final int MAX_MANTISSA_DIGITS = 18;

  /** A larger exponent over- or underflows anyway; saturating keeps the arithmetic in range. */
  private static final int MAX_EXPONENT = 100_000;

  private static final double[] DOUBLE_POWERS = new double[23];
  private static final float[] FLOAT_POWERS = new float[11];

  static {
    double power = 1;
    for (int i = 0; i < DOUBLE_POWERS.length; i++) {
      DOUBLE_POWERS[i] = power;
      power *= 10;
    }
    for (int i = 0; i < FLOAT_POWERS.length; i++) {
      FLOAT_POWERS[i] = (float) DOUBLE_POWERS[i];
    }
  }

  private final boolean single;

  // Scan results, kept in fields to return several values without allocating.
  private long mantissa;
  private long exponent;
  private boolean inexact;

  FloatingConverter(ColumnType type) {
    super(type);
    this.single = type.kind() == TypeKind.FLOAT;
  }

  @Override
  int write(FieldVector vector, int row, byte[] bytes, int offset, int length) {
    int from = AsciiText.trimStart(bytes, offset, offset + length);
    int to = AsciiText.trimEnd(bytes, from, offset + length);
    if (!scan(bytes, from, to)) {
      return INVALID;
    }
    boolean negative = bytes[from] == '-';
    if (single) {
      float value = parseFloat(bytes, from, to, negative);
      if (Float.isInfinite(value)) {
        return INVALID;
      }
      ((Float4Vector) vector).setSafe(row, value);
    } else {
      double value = parseDouble(bytes, from, to, negative);
      if (Double.isInfinite(value)) {
        return INVALID;
      }
      ((Float8Vector) vector).setSafe(row, value);
    }
    return OK;
  }

  private double parseDouble(byte[] bytes, int from, int to, boolean negative) {
    if (!inexact && mantissa < (1L << 53) && exponent >= -22 && exponent <= 22) {
      double value = (double) mantissa;
      value =
          exponent >= 0
              ? value * DOUBLE_POWERS[(int) exponent]
              : value / DOUBLE_POWERS[(int) -exponent];
      return negative ? -value : value;
    }
    return Double.parseDouble(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1));
  }

  private float parseFloat(byte[] bytes, int from, int to, boolean negative) {
    if (!inexact && mantissa <= (1L << 24) && exponent >= -10 && exponent <= 10) {
      float value = (float) mantissa;
      value =
          exponent >= 0
              ? value * FLOAT_POWERS[(int) exponent]
              : value / FLOAT_POWERS[(int) -exponent];
      return negative ? -value : value;
    }
    return Float.parseFloat(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1));
  }

  /**
   * Checks the syntax of [from, to) and sets the mantissa and decimal exponent of its first
   * significant digits; {@code inexact} when digits beyond them are not zero.
   */
  private boolean scan(byte[] bytes, int from, int to) {
    mantissa = 0;
    exponent = 0;
    inexact = false;
    int i = from;
    if (i < to && (bytes[i] == '-' || bytes[i] == '+')) {
      i++;
    }
    int digits = 0;
    int kept = 0;
    for (; i < to && AsciiText.isDigit(bytes[i]); i++, digits++) {
      int digit = AsciiText.digit(bytes[i]);
      if (mantissa == 0 && digit == 0) {
        continue;
      }
      if (kept < MAX_MANTISSA_DIGITS) {
        mantissa = mantissa * 10 + digit;
        kept++;
      } else {
        exponent++;
        inexact |= digit != 0;
      }
    }
    if (i < to && bytes[i] == '.') {
      for (i++; i < to && AsciiText.isDigit(bytes[i]); i++, digits++) {
        int digit = AsciiText.digit(bytes[i]);
        if (mantissa == 0 && digit == 0) {
          exponent--;
        } else if (kept < MAX_MANTISSA_DIGITS) {
          mantissa = mantissa * 10 + digit;
          kept++;
          exponent--;
        } else {
          inexact |= digit != 0;
        }
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < to && (bytes[i] == 'e' || bytes[i] == 'E')) {
      i++;
      boolean negativeExponent = i < to && bytes[i] == '-';
      if (i < to && (bytes[i] == '-' || bytes[i] == '+')) {
        i++;
      }
      if (i == to) {
        return false;
      }
      long value = 0;
      for (; i < to && AsciiText.isDigit(bytes[i]); i++) {
        value = Math.min(value * 10 + AsciiText.digit(bytes[i]), MAX_EXPONENT);
      }
      exponent += negativeExponent ? -value : value;
    }
    return i == to;
  }
}
