package dev.sluice.worker.decode;

import dev.sluice.expr.scalar.DateTimeText;
import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMicroVector;

/**
 * DATE as days since the epoch (a time of day, if given, is validated and dropped) and DATETIME as
 * microseconds since the epoch in wall-clock time (a plain date is midnight). The forms are the
 * expression engine's ({@link DateTimeText}), so a value loads the same whether it is decoded or
 * cast; only blanks differ: the decoder ignores spaces and tabs around a value, nothing else.
 */
final class DateTimeConverter extends ValueConverter {

  private final boolean dateOnly;
  private final DateTimeText text = new DateTimeText();

  DateTimeConverter(ColumnType type) {
    super(type);
    this.dateOnly = type.kind() == TypeKind.DATE;
  }

  @Override
  int write(FieldVector vector, int row, byte[] bytes, int offset, int length) {
    int from = AsciiText.trimStart(bytes, offset, offset + length);
    if (!text.parseTrimmed(bytes, from, AsciiText.trimEnd(bytes, from, offset + length))) {
      return INVALID;
    }
    if (dateOnly) {
      ((DateDayVector) vector).setSafe(row, text.epochDay());
    } else {
      ((TimeStampMicroVector) vector).setSafe(row, text.micros());
    }
    return OK;
  }
}
