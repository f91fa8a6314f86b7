package dev.sluice.worker.decode;

import dev.sluice.storage.schema.ColumnType;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/** BOOLEAN: {@code true}, {@code false} (any case), {@code 1} or {@code 0}. */
final class BooleanConverter extends ValueConverter {

  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

  BooleanConverter(ColumnType type) {
    super(type);
  }

  @Override
  int write(FieldVector vector, int row, byte[] bytes, int offset, int length) {
    int from = AsciiText.trimStart(bytes, offset, offset + length);
    int to = AsciiText.trimEnd(bytes, from, offset + length);
    int value;
    if (to - from == 1 && (bytes[from] == '1' || bytes[from] == '0')) {
      value = bytes[from] - '0';
    } else if (AsciiText.equalsIgnoreCase(bytes, from, to, TRUE)) {
      value = 1;
    } else if (AsciiText.equalsIgnoreCase(bytes, from, to, FALSE)) {
      value = 0;
    } else {
      return INVALID;
    }
    ((BitVector) vector).setSafe(row, value);
    return OK;
  }
}
