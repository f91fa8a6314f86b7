package dev.sluice.worker.decode;

import dev.sluice.storage.schema.ColumnType;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;

/**
 * TINYINT, SMALLINT, INT and BIGINT: an optional sign and decimal digits, within the type's range.
 * A fraction or exponent is not an integer and fails, as it does in StarRocks.
 */
final class IntegerConverter extends ValueConverter {

  private final long min;
  private final long max;

  IntegerConverter(ColumnType type, long min, long max) {
    super(type);
    this.min = min;
    this.max = max;
  }

  @Override
  int write(FieldVector vector, int row, byte[] bytes, int offset, int length) {
    int from = AsciiText.trimStart(bytes, offset, offset + length);
    int to = AsciiText.trimEnd(bytes, from, offset + length);
    if (from == to) {
      return INVALID;
    }
    boolean negative = bytes[from] == '-';
    if (negative || bytes[from] == '+') {
      from++;
      if (from == to) {
        return INVALID;
      }
    }
    // Accumulate negatively, as Long.parseLong does, so Long.MIN_VALUE fits.
    long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
    long multiplyMin = limit / 10;
    long result = 0;
    for (int i = from; i < to; i++) {
      int digit = AsciiText.digit(bytes[i]);
      if (digit < 0 || digit > 9 || result < multiplyMin) {
        return INVALID;
      }
      result *= 10;
      if (result < limit + digit) {
        return INVALID;
      }
      result -= digit;
    }
    long value = negative ? result : -result;
    if (value < min || value > max) {
      return INVALID;
    }
    store(vector, row, value);
    return OK;
  }

  private static void store(FieldVector vector, int row, long value) {
    if (vector instanceof IntVector ints) {
      ints.setSafe(row, (int) value);
    } else if (vector instanceof BigIntVector longs) {
      longs.setSafe(row, value);
    } else if (vector instanceof SmallIntVector shorts) {
      shorts.setSafe(row, (int) value);
    } else {
      ((TinyIntVector) vector).setSafe(row, (int) value);
    }
  }
}
