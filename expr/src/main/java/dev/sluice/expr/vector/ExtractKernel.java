package dev.sluice.expr.vector;

import dev.sluice.expr.scalar.Dates;
import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * A field of a DATE or DATETIME as BIGINT: {@code year}, {@code quarter}, {@code month}, {@code
 * day}, {@code hour}, {@code minute}, {@code second}, {@code dayofweek} (1 = Sunday, MySQL) and
 * {@code dayofyear}. A DATE has time fields 0.
 */
public final class ExtractKernel extends OwnedVectorExpression<FieldVector> {

  /** The fields, by function name. */
  public enum Field {
    YEAR,
    QUARTER,
    MONTH,
    DAY,
    HOUR,
    MINUTE,
    SECOND,
    DAYOFWEEK,
    DAYOFYEAR
  }

  private final Field field;
  private final boolean date;

  public ExtractKernel(Field field, VectorExpression value, BufferAllocator allocator) {
    super(ColumnType.of(TypeKind.BIGINT), List.of(value), allocator);
    this.field = field;
    this.date = value.type().kind() == TypeKind.DATE;
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    FieldVector in = child(0).evaluate(context);
    int rows = context.rowCount();
    Vectors.prepare(out, rows);
    Validity.copy(in.getValidityBuffer(), out.getValidityBuffer(), rows);
    ArrowBuf source = in.getDataBuffer();
    ArrowBuf target = out.getDataBuffer();
    for (int row = 0; row < rows; row++) {
      long micros =
          date
              ? source.getInt((long) row * 4) * Dates.MICROS_PER_DAY
              : source.getLong((long) row * 8);
      target.setLong((long) row * 8, extract(micros));
    }
    out.setValueCount(rows);
    return out;
  }

  private long extract(long micros) {
    switch (field) {
      case HOUR:
        return Dates.microOfDay(micros) / Dates.MICROS_PER_HOUR;
      case MINUTE:
        return Dates.microOfDay(micros) / Dates.MICROS_PER_MINUTE % 60;
      case SECOND:
        return Dates.microOfDay(micros) / Dates.MICROS_PER_SECOND % 60;
      case DAYOFWEEK:
        return Dates.dayOfWeek(Dates.epochDayOfMicros(micros)) + 1;
      case DAYOFYEAR:
        return Dates.dayOfYear(Dates.epochDayOfMicros(micros));
      default:
        break;
    }
    int civil = Dates.civil(Dates.epochDayOfMicros(micros));
    switch (field) {
      case YEAR:
        return Dates.yearOf(civil);
      case QUARTER:
        return (Dates.monthOf(civil) + 2) / 3;
      case MONTH:
        return Dates.monthOf(civil);
      default:
        return Dates.dayOf(civil);
    }
  }
}
