package dev.sluice.worker.decode;

import dev.sluice.storage.schema.TypeKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;

/**
 * Writes one row's values into a batch and applies the load's failure rules:
 *
 * <ol>
 *   <li>a value that cannot be converted makes the row an error row in strict mode and becomes NULL
 *       otherwise;
 *   <li>then, in both modes, NULL in a NOT NULL column makes the row an error row;
 *   <li>a value longer than its CHAR or VARCHAR column is an error row in both modes, as StarRocks
 *       rejects it rather than truncating.
 * </ol>
 *
 * Values are written straight into the vectors at the next row; a rejected row is rolled back, so
 * the next row overwrites it. The first failure of a row is its reason.
 *
 * <p>Text values go through the column's {@link ValueConverter}. Binary formats (Avro) hand over
 * typed values: those that fit the column's vector as they are go straight in, the rest are
 * rendered as text and converted like any text, so both paths fail with the same reasons.
 */
final class RowWriter {

  private static final byte[] TRUE_TEXT = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE_TEXT = {'f', 'a', 'l', 's', 'e'};

  private final String[] names;
  private final boolean[] nullable;
  private final ValueConverter[] converters;
  private final boolean strict;
  private final TypeKind[] kinds;

  // Text of a typed value that has to go through its converter: a long needs at most 20 bytes.
  private final byte[] digits = new byte[20];

  private SourceBatch batch;
  private int row;
  private String failure;

  RowWriter(SourceColumns columns, boolean strict) {
    int size = columns.size();
    this.names = new String[size];
    this.nullable = new boolean[size];
    this.converters = new ValueConverter[size];
    this.strict = strict;
    this.kinds = new TypeKind[size];
    for (int i = 0; i < size; i++) {
      SourceColumn column = columns.column(i);
      kinds[i] = column.type().kind();
      names[i] = column.name();
      nullable[i] = column.nullable();
      if (column.needed()) {
        converters[i] = ValueConverter.forType(column.type());
      }
    }
  }

  /** Starts a row at the end of {@code batch}. */
  void start(SourceBatch batch) {
    this.batch = batch;
    this.row = batch.rowCount();
    this.failure = null;
  }

  /** Converts and writes the text of needed column {@code column}. */
  void value(int column, byte[] bytes, int offset, int length) {
    FieldVector vector = batch.vectorAt(column);
    ValueConverter converter = converters[column];
    int result = converter.write(vector, row, bytes, offset, length);
    if (result == ValueConverter.OK) {
      return;
    }
    vector.setNull(row);
    if (failure != null) {
      return;
    }
    if (result == ValueConverter.TOO_LONG) {
      failure = Reasons.tooLong(names[column], converter.type(), bytes, offset, length);
    } else if (strict) {
      failure = Reasons.cannotConvert(names[column], converter.type(), bytes, offset, length);
    } else if (!nullable[column]) {
      failure = Reasons.notNullAfterFailure(names[column], converter.type(), bytes, offset, length);
    }
  }

  /** Writes an integer into needed column {@code column}. */
  void longValue(int column, long value) {
    FieldVector vector = batch.vectorAt(column);
    switch (kinds[column]) {
      case BIGINT -> {
        ((BigIntVector) vector).setSafe(row, value);
        return;
      }
      case INT -> {
        if (value == (int) value) {
          ((IntVector) vector).setSafe(row, (int) value);
          return;
        }
      }
      case SMALLINT -> {
        if (value == (short) value) {
          ((SmallIntVector) vector).setSafe(row, (int) value);
          return;
        }
      }
      case TINYINT -> {
        if (value == (byte) value) {
          ((TinyIntVector) vector).setSafe(row, (int) value);
          return;
        }
      }
      case DOUBLE -> {
        ((Float8Vector) vector).setSafe(row, (double) value);
        return;
      }
      case FLOAT -> {
        ((Float4Vector) vector).setSafe(row, (float) value);
        return;
      }
      case BOOLEAN, LARGEINT, DECIMAL, DATE, DATETIME, CHAR, VARCHAR, STRING -> {
        // As text, below.
      }
    }
    // Out of range for a narrow integer column, or another type: the converter decides.
    int length = formatLong(value, digits, 0);
    value(column, digits, 0, length);
  }

  /** Writes a floating-point number into needed column {@code column}. */
  void doubleValue(int column, double value) {
    FieldVector vector = batch.vectorAt(column);
    switch (kinds[column]) {
      case DOUBLE -> {
        ((Float8Vector) vector).setSafe(row, value);
        return;
      }
      case FLOAT -> {
        if (!Double.isFinite(value) || Math.abs(value) <= Float.MAX_VALUE) {
          ((Float4Vector) vector).setSafe(row, (float) value);
          return;
        }
      }
      case BOOLEAN,
          TINYINT,
          SMALLINT,
          INT,
          BIGINT,
          LARGEINT,
          DECIMAL,
          DATE,
          DATETIME,
          CHAR,
          VARCHAR,
          STRING -> {
        // As text, below.
      }
    }
    // Plain notation, so that DECIMAL and integer columns read it as StarRocks would; this
    // allocates, but only for a floating-point value loaded into a column of another type.
    String text =
        Double.isFinite(value) ? BigDecimal.valueOf(value).toPlainString() : Double.toString(value);
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    value(column, bytes, 0, bytes.length);
  }

  /** Writes a boolean: 1 or 0 into numeric columns, true or false as text. */
  void booleanValue(int column, boolean value) {
    FieldVector vector = batch.vectorAt(column);
    switch (kinds[column]) {
      case BOOLEAN -> ((BitVector) vector).setSafe(row, value ? 1 : 0);
      case TINYINT, SMALLINT, INT, BIGINT, LARGEINT, FLOAT, DOUBLE, DECIMAL ->
          longValue(column, value ? 1 : 0);
      case DATE, DATETIME, CHAR, VARCHAR, STRING -> {
        byte[] text = value ? TRUE_TEXT : FALSE_TEXT;
        value(column, text, 0, text.length);
      }
    }
  }

  /** Writes NULL into needed column {@code column}. */
  void nullValue(int column) {
    batch.vectorAt(column).setNull(row);
    if (failure == null && !nullable[column]) {
      failure = Reasons.notNull(names[column]);
    }
  }

  /** Marks the row as an error row for a reason found by the decoder, unless it already is. */
  void fail(String reason) {
    if (failure == null) {
      failure = reason;
    }
  }

  /** The reason the current row is an error row, or null while it is not. */
  String failure() {
    return failure;
  }

  /** Ends the row: appends it to the batch and returns true, or rolls it back and returns false. */
  boolean finish() {
    if (failure != null) {
      batch.rollback(row);
      return false;
    }
    batch.commitRow();
    return true;
  }

  /**
   * Writes the decimal digits of {@code value} into {@code out} at {@code offset}, which must have
   * room for 20 bytes; returns their count.
   */
  static int formatLong(long value, byte[] out, int offset) {
    if (value == Long.MIN_VALUE) {
      byte[] min = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(min, 0, out, offset, min.length);
      return min.length;
    }
    int length = offset;
    long rest = value;
    if (rest < 0) {
      out[length++] = '-';
      rest = -rest;
    }
    int start = length;
    do {
      out[length++] = (byte) ('0' + rest % 10);
      rest /= 10;
    } while (rest != 0);
    for (int i = start, j = length - 1; i < j; i++, j--) {
      byte swap = out[i];
      out[i] = out[j];
      out[j] = swap;
    }
    return length - offset;
  }
}
