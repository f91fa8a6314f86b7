package dev.sluice.worker.decode;

import dev.sluice.storage.schema.ColumnType;
import org.apache.arrow.vector.FieldVector;

/**
 * Converts the UTF-8 text of one value and writes it into a vector. Results are int codes rather
 * than exceptions because bad data is routine (non-strict loads turn it into NULL) and must cost no
 * more than good data. A converter writes nothing when it fails. Converters may keep scratch state,
 * so each belongs to one decoder.
 */
abstract class ValueConverter {

  static final int OK = 0;

  /** The text is not a value of the type, or is out of its range. */
  static final int INVALID = 1;

  /** The text is longer than a CHAR or VARCHAR column allows: an error row even if non-strict. */
  static final int TOO_LONG = 2;

  private final ColumnType type;

  ValueConverter(ColumnType type) {
    this.type = type;
  }

  ColumnType type() {
    return type;
  }

  /** Converts [offset, offset + length) of {@code bytes} and writes it at {@code row}. */
  abstract int write(FieldVector vector, int row, byte[] bytes, int offset, int length);

  /** The converter for values of {@code type}, writing into vectors of its Arrow type. */
  static ValueConverter forType(ColumnType type) {
    return switch (type.kind()) {
      case BOOLEAN -> new BooleanConverter(type);
      case TINYINT -> new IntegerConverter(type, Byte.MIN_VALUE, Byte.MAX_VALUE);
      case SMALLINT -> new IntegerConverter(type, Short.MIN_VALUE, Short.MAX_VALUE);
      case INT -> new IntegerConverter(type, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case BIGINT -> new IntegerConverter(type, Long.MIN_VALUE, Long.MAX_VALUE);
      case LARGEINT -> new DecimalConverter(type, ColumnType.LARGEINT_PRECISION, 0, true);
      case FLOAT, DOUBLE -> new FloatingConverter(type);
      case DECIMAL -> new DecimalConverter(type, type.precision(), type.scale(), false);
      case DATE, DATETIME -> new DateTimeConverter(type);
      case CHAR, VARCHAR, STRING -> new StringConverter(type);
    };
  }
}
