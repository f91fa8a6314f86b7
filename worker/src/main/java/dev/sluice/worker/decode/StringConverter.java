package dev.sluice.worker.decode;

import dev.sluice.storage.schema.ColumnType;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * CHAR, VARCHAR and STRING: the bytes as they are, if they are valid UTF-8 and no longer than the
 * type's length, which StarRocks counts in bytes, not characters.
 */
final class StringConverter extends ValueConverter {

  private final int maxBytes;

  StringConverter(ColumnType type) {
    super(type);
    this.maxBytes = type.length();
  }

  @Override
  int write(FieldVector vector, int row, byte[] bytes, int offset, int length) {
    if (length > maxBytes) {
      return TOO_LONG;
    }
    if (!Utf8.isValid(bytes, offset, length)) {
      return INVALID;
    }
    ((VarCharVector) vector).setSafe(row, bytes, offset, length);
    return OK;
  }
}
