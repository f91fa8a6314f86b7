package dev.sluice.storage.tablet;

import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.ParquetTypes;
import dev.sluice.storage.schema.TableColumn;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;

/**
 * Copies the selected values of one Arrow vector into one Parquet column writer, reading the Arrow
 * buffers directly: one subclass per physical layout so that each loop is monomorphic and free of
 * boxing. Rows are given as indexes into the vector, {@code rows[from..to)}.
 */
abstract class ColumnValueWriter {

  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** Definition level of a present value: 1 for OPTIONAL columns, 0 for REQUIRED ones. */
  final int present;

  ColumnValueWriter(boolean nullable) {
    this.present = nullable ? 1 : 0;
  }

  /**
   * Writes {@code rows[from..to)}. {@code checkNulls} is false for NOT NULL columns, whose selected
   * rows are known to hold no null, which skips the validity lookups.
   */
  abstract void write(
      FieldVector vector, int[] rows, int from, int to, boolean checkNulls, ColumnWriter out);

  /** Throws before anything is written if a selected value cannot be stored in the column. */
  void validate(FieldVector vector, int[] rows, int count, String column) {}

  static ColumnValueWriter forColumn(TableColumn column) {
    ColumnType type = column.type();
    boolean nullable = column.nullable();
    return switch (type.kind()) {
      case BOOLEAN -> new BooleanValues(nullable);
      case TINYINT -> new ByteValues(nullable);
      case SMALLINT -> new ShortValues(nullable);
      case INT, DATE -> new IntValues(nullable);
      case BIGINT, DATETIME -> new LongValues(nullable);
      case FLOAT -> new FloatValues(nullable);
      case DOUBLE -> new DoubleValues(nullable);
      case LARGEINT -> decimal(nullable, ColumnType.LARGEINT_PRECISION);
      case DECIMAL -> decimal(nullable, type.precision());
      case CHAR, VARCHAR, STRING -> new StringValues(nullable);
    };
  }

  private static ColumnValueWriter decimal(boolean nullable, int precision) {
    if (precision <= ParquetTypes.MAX_INT32_DECIMAL_PRECISION) {
      return new Decimal32Values(nullable, precision);
    }
    if (precision <= ParquetTypes.MAX_INT64_DECIMAL_PRECISION) {
      return new Decimal64Values(nullable, precision);
    }
    return new DecimalFixedValues(nullable, precision);
  }

  /** Bit {@code row} of a validity or boolean data buffer (Arrow bit order: LSB first). */
  static boolean bit(ArrowBuf buffer, int row) {
    return (buffer.getByte(row >>> 3) & (1 << (row & 7))) != 0;
  }

  static boolean isNull(ArrowBuf validity, int row) {
    return !bit(validity, row);
  }

  private static final class BooleanValues extends ColumnValueWriter {
    BooleanValues(boolean nullable) {
      super(nullable);
    }

    @Override
    void write(FieldVector v, int[] rows, int from, int to, boolean checkNulls, ColumnWriter out) {
      ArrowBuf validity = v.getValidityBuffer();
      ArrowBuf data = v.getDataBuffer();
      for (int i = from; i < to; i++) {
        int row = rows[i];
        if (checkNulls && isNull(validity, row)) {
          out.writeNull(0, 0);
        } else {
          out.write(bit(data, row), 0, present);
        }
      }
    }
  }

  private static final class ByteValues extends ColumnValueWriter {
    ByteValues(boolean nullable) {
      super(nullable);
    }

    @Override
    void write(FieldVector v, int[] rows, int from, int to, boolean checkNulls, ColumnWriter out) {
      ArrowBuf validity = v.getValidityBuffer();
      ArrowBuf data = v.getDataBuffer();
      for (int i = from; i < to; i++) {
        int row = rows[i];
        if (checkNulls && isNull(validity, row)) {
          out.writeNull(0, 0);
        } else {
          out.write((int) data.getByte(row), 0, present);
        }
      }
    }
  }

  private static final class ShortValues extends ColumnValueWriter {
    ShortValues(boolean nullable) {
      super(nullable);
    }

    @Override
    void write(FieldVector v, int[] rows, int from, int to, boolean checkNulls, ColumnWriter out) {
      ArrowBuf validity = v.getValidityBuffer();
      ArrowBuf data = v.getDataBuffer();
      for (int i = from; i < to; i++) {
        int row = rows[i];
        if (checkNulls && isNull(validity, row)) {
          out.writeNull(0, 0);
        } else {
          out.write((int) data.getShort((long) row << 1), 0, present);
        }
      }
    }
  }

  /** INT and DATE (days since the epoch). */
  private static final class IntValues extends ColumnValueWriter {
    IntValues(boolean nullable) {
      super(nullable);
    }

    @Override
    void write(FieldVector v, int[] rows, int from, int to, boolean checkNulls, ColumnWriter out) {
      ArrowBuf validity = v.getValidityBuffer();
      ArrowBuf data = v.getDataBuffer();
      for (int i = from; i < to; i++) {
        int row = rows[i];
        if (checkNulls && isNull(validity, row)) {
          out.writeNull(0, 0);
        } else {
          out.write(data.getInt((long) row << 2), 0, present);
        }
      }
    }
  }

  /** BIGINT and DATETIME (microseconds since the epoch). */
  private static final class LongValues extends ColumnValueWriter {
    LongValues(boolean nullable) {
      super(nullable);
    }

    @Override
    void write(FieldVector v, int[] rows, int from, int to, boolean checkNulls, ColumnWriter out) {
      ArrowBuf validity = v.getValidityBuffer();
      ArrowBuf data = v.getDataBuffer();
      for (int i = from; i < to; i++) {
        int row = rows[i];
        if (checkNulls && isNull(validity, row)) {
          out.writeNull(0, 0);
        } else {
          out.write(data.getLong((long) row << 3), 0, present);
        }
      }
    }
  }

  private static final class FloatValues extends ColumnValueWriter {
    FloatValues(boolean nullable) {
      super(nullable);
    }

    @Override
    void write(FieldVector v, int[] rows, int from, int to, boolean checkNulls, ColumnWriter out) {
      ArrowBuf validity = v.getValidityBuffer();
      ArrowBuf data = v.getDataBuffer();
      for (int i = from; i < to; i++) {
        int row = rows[i];
        if (checkNulls && isNull(validity, row)) {
          out.writeNull(0, 0);
        } else {
          out.write(data.getFloat((long) row << 2), 0, present);
        }
      }
    }
  }

  private static final class DoubleValues extends ColumnValueWriter {
    DoubleValues(boolean nullable) {
      super(nullable);
    }

    @Override
    void write(FieldVector v, int[] rows, int from, int to, boolean checkNulls, ColumnWriter out) {
      ArrowBuf validity = v.getValidityBuffer();
      ArrowBuf data = v.getDataBuffer();
      for (int i = from; i < to; i++) {
        int row = rows[i];
        if (checkNulls && isNull(validity, row)) {
          out.writeNull(0, 0);
        } else {
          out.write(data.getDouble((long) row << 3), 0, present);
        }
      }
    }
  }

  /**
   * Arrow decimals are 128-bit little-endian two's complement unscaled values, whatever the
   * precision; Parquet wants the narrowest physical type. Values beyond the precision are refused
   * up front: narrowing them would silently change them.
   */
  private abstract static class DecimalValues extends ColumnValueWriter {
    private static final int WIDTH = 16;

    // 10^precision and -10^precision as 128-bit (high, low) pairs.
    private final long limitHigh;
    private final long limitLow;
    private final long negativeLimitHigh;
    private final long negativeLimitLow;
    private final int precision;

    DecimalValues(boolean nullable, int precision) {
      super(nullable);
      this.precision = precision;
      BigInteger limit = BigInteger.TEN.pow(precision);
      this.limitHigh = limit.shiftRight(64).longValue();
      this.limitLow = limit.longValue();
      BigInteger negative = limit.negate();
      this.negativeLimitHigh = negative.shiftRight(64).longValue();
      this.negativeLimitLow = negative.longValue();
    }

    @Override
    void validate(FieldVector v, int[] rows, int count, String column) {
      ArrowBuf data = v.getDataBuffer();
      for (int i = 0; i < count; i++) {
        int row = rows[i];
        if (v.isNull(row)) {
          continue;
        }
        long offset = (long) row * WIDTH;
        long low = data.getLong(offset);
        long high = data.getLong(offset + 8);
        if (compare(high, low, limitHigh, limitLow) >= 0
            || compare(high, low, negativeLimitHigh, negativeLimitLow) <= 0) {
          throw new IllegalArgumentException(
              "column "
                  + column
                  + " row "
                  + row
                  + ": unscaled value "
                  + new BigInteger(toBigEndian(high, low))
                  + " has more than "
                  + precision
                  + " digits");
        }
      }
    }

    private static byte[] toBigEndian(long high, long low) {
      byte[] bytes = new byte[WIDTH];
      LONG_BE.set(bytes, 0, high);
      LONG_BE.set(bytes, 8, low);
      return bytes;
    }

    private static int compare(long aHigh, long aLow, long bHigh, long bLow) {
      return aHigh != bHigh ? Long.compare(aHigh, bHigh) : Long.compareUnsigned(aLow, bLow);
    }
  }

  /** Precision up to 9: the low 32 bits, which hold the whole value after validation. */
  private static final class Decimal32Values extends DecimalValues {
    Decimal32Values(boolean nullable, int precision) {
      super(nullable, precision);
    }

    @Override
    void write(FieldVector v, int[] rows, int from, int to, boolean checkNulls, ColumnWriter out) {
      ArrowBuf validity = v.getValidityBuffer();
      ArrowBuf data = v.getDataBuffer();
      for (int i = from; i < to; i++) {
        int row = rows[i];
        if (checkNulls && isNull(validity, row)) {
          out.writeNull(0, 0);
        } else {
          out.write(data.getInt((long) row << 4), 0, present);
        }
      }
    }
  }

  /** Precision 10 to 18: the low 64 bits. */
  private static final class Decimal64Values extends DecimalValues {
    Decimal64Values(boolean nullable, int precision) {
      super(nullable, precision);
    }

    @Override
    void write(FieldVector v, int[] rows, int from, int to, boolean checkNulls, ColumnWriter out) {
      ArrowBuf validity = v.getValidityBuffer();
      ArrowBuf data = v.getDataBuffer();
      for (int i = from; i < to; i++) {
        int row = rows[i];
        if (checkNulls && isNull(validity, row)) {
          out.writeNull(0, 0);
        } else {
          out.write(data.getLong((long) row << 4), 0, present);
        }
      }
    }
  }

  /** Precision 19 to 38: the low bytes of the big-endian value, as the Parquet spec requires. */
  private static final class DecimalFixedValues extends DecimalValues {
    private final byte[] scratch = new byte[16];
    private final int skip;
    private final int length;

    DecimalFixedValues(boolean nullable, int precision) {
      super(nullable, precision);
      this.length = ParquetTypes.decimalBytes(precision);
      this.skip = 16 - length;
    }

    @Override
    void write(FieldVector v, int[] rows, int from, int to, boolean checkNulls, ColumnWriter out) {
      ArrowBuf validity = v.getValidityBuffer();
      ArrowBuf data = v.getDataBuffer();
      for (int i = from; i < to; i++) {
        int row = rows[i];
        if (checkNulls && isNull(validity, row)) {
          out.writeNull(0, 0);
        } else {
          long offset = (long) row << 4;
          LONG_BE.set(scratch, 0, data.getLong(offset + 8));
          LONG_BE.set(scratch, 8, data.getLong(offset));
          // The column writer copies reused bytes it keeps (dictionary, statistics).
          out.write(Binary.fromReusedByteArray(scratch, skip, length), 0, present);
        }
      }
    }
  }

  /** UTF-8 strings, copied into a scratch array that grows to the longest value. */
  private static final class StringValues extends ColumnValueWriter {
    private byte[] scratch = new byte[256];

    StringValues(boolean nullable) {
      super(nullable);
    }

    @Override
    void write(FieldVector v, int[] rows, int from, int to, boolean checkNulls, ColumnWriter out) {
      ArrowBuf validity = v.getValidityBuffer();
      ArrowBuf offsets = v.getOffsetBuffer();
      ArrowBuf data = v.getDataBuffer();
      for (int i = from; i < to; i++) {
        int row = rows[i];
        if (checkNulls && isNull(validity, row)) {
          out.writeNull(0, 0);
        } else {
          long offset = (long) row << 2;
          int start = offsets.getInt(offset);
          int length = offsets.getInt(offset + 4) - start;
          if (length > scratch.length) {
            scratch = Arrays.copyOf(scratch, Math.max(length, scratch.length * 2));
          }
          data.getBytes(start, scratch, 0, length);
          // Parquet's Binary has no public constructor, so one small wrapper per value is the
          // floor; the bytes themselves are not copied again unless they enter the dictionary.
          out.write(Binary.fromReusedByteArray(scratch, 0, length), 0, present);
        }
      }
    }
  }
}
