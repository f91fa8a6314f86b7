package dev.sluice.expr.vector;

import dev.sluice.expr.scalar.DateTimeText;
import dev.sluice.expr.scalar.Dates;
import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * DATE to DATETIME (midnight) and back (the time is dropped), and the MySQL number forms: BIGINT
 * {@code 20240105} or {@code 20240105103000} to a date, and DATE / DATETIME to such a number. A
 * number that is not a valid date fails in strict mode and is NULL otherwise.
 */
public final class TemporalCastKernel extends OwnedVectorExpression<FieldVector> {

  private final TypeKind from;
  private final boolean strict;
  private final DateTimeText text = new DateTimeText();

  public TemporalCastKernel(
      VectorExpression input, ColumnType target, boolean strict, BufferAllocator allocator) {
    super(target, List.of(input), allocator);
    this.from = input.type().kind();
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
    if (from == TypeKind.DATE && to == TypeKind.DATETIME) {
      for (int row = 0; row < rows; row++) {
        target.setLong((long) row * 8, source.getInt((long) row * 4) * Dates.MICROS_PER_DAY);
      }
    } else if (from == TypeKind.DATETIME && to == TypeKind.DATE) {
      for (int row = 0; row < rows; row++) {
        target.setInt((long) row * 4, Dates.epochDayOfMicros(source.getLong((long) row * 8)));
      }
    } else if (from == TypeKind.BIGINT && (to == TypeKind.DATE || to == TypeKind.DATETIME)) {
      for (int row = 0; row < rows; row++) {
        long v = source.getLong((long) row * 8);
        if (text.parseNumber(v)) {
          if (to == TypeKind.DATE) {
            target.setInt((long) row * 4, text.epochDay());
          } else {
            target.setLong((long) row * 8, text.micros());
          }
        } else if (Validity.isSet(validity, row)) {
          Validity.clear(validity, row);
          if (strict) {
            fail(row, Reasons.cannotConvert(Long.toString(v), to.name()));
          }
        }
      }
    } else if (from == TypeKind.DATE && to == TypeKind.BIGINT) {
      for (int row = 0; row < rows; row++) {
        target.setLong((long) row * 8, Dates.civil(source.getInt((long) row * 4)));
      }
    } else if (from == TypeKind.DATETIME && to == TypeKind.BIGINT) {
      for (int row = 0; row < rows; row++) {
        long micros = source.getLong((long) row * 8);
        long seconds = Dates.microOfDay(micros) / Dates.MICROS_PER_SECOND;
        long time = seconds / 3600 * 10000 + seconds / 60 % 60 * 100 + seconds % 60;
        target.setLong(
            (long) row * 8, Dates.civil(Dates.epochDayOfMicros(micros)) * 1_000_000L + time);
      }
    } else {
      throw new IllegalStateException("no temporal cast from " + from + " to " + to);
    }
    out.setValueCount(rows);
    return out;
  }
}
