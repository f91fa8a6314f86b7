package dev.sluice.expr.vector;

import dev.sluice.expr.scalar.Dates;
import dev.sluice.storage.schema.TypeKind;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code date_trunc(unit, value)}: DATETIME (or DATE, which keeps its type) rounded down to the
 * start of its year, quarter, month, week (Monday, as StarRocks), day, hour, minute or second.
 */
public final class DateTruncKernel extends OwnedVectorExpression<FieldVector> {

  /** The units, by their SQL name. */
  public enum Unit {
    YEAR,
    QUARTER,
    MONTH,
    WEEK,
    DAY,
    HOUR,
    MINUTE,
    SECOND;

    /** The unit named {@code name} ignoring case, or null. */
    public static Unit of(String name) {
      for (Unit unit : values()) {
        if (unit.name().equals(name.toUpperCase(Locale.ROOT))) {
          return unit;
        }
      }
      return null;
    }

    public boolean isTimeOfDay() {
      return this == HOUR || this == MINUTE || this == SECOND;
    }
  }

  private final Unit unit;
  private final boolean date;

  public DateTruncKernel(Unit unit, VectorExpression value, BufferAllocator allocator) {
    super(value.type(), List.of(value), allocator);
    this.unit = unit;
    this.date = value.type().kind() == TypeKind.DATE;
    if (date && unit.isTimeOfDay()) {
      throw new IllegalArgumentException("a DATE has no " + unit);
    }
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    FieldVector in = child(0).evaluate(context);
    int rows = context.rowCount();
    Vectors.prepare(out, rows);
    Validity.copy(in.getValidityBuffer(), out.getValidityBuffer(), rows);
    ArrowBuf source = in.getDataBuffer();
    ArrowBuf target = out.getDataBuffer();
    if (date) {
      for (int row = 0; row < rows; row++) {
        target.setInt((long) row * 4, truncateDay(source.getInt((long) row * 4)));
      }
    } else {
      for (int row = 0; row < rows; row++) {
        target.setLong((long) row * 8, truncate(source.getLong((long) row * 8)));
      }
    }
    out.setValueCount(rows);
    return out;
  }

  private long truncate(long micros) {
    switch (unit) {
      case SECOND:
        return micros - Math.floorMod(micros, Dates.MICROS_PER_SECOND);
      case MINUTE:
        return micros - Math.floorMod(micros, Dates.MICROS_PER_MINUTE);
      case HOUR:
        return micros - Math.floorMod(micros, Dates.MICROS_PER_HOUR);
      default:
        return truncateDay(Dates.epochDayOfMicros(micros)) * Dates.MICROS_PER_DAY;
    }
  }

  private int truncateDay(int epochDay) {
    switch (unit) {
      case YEAR:
        return Dates.epochDay(Dates.yearOf(Dates.civil(epochDay)), 1, 1);
      case QUARTER:
        {
          int civil = Dates.civil(epochDay);
          int month = (Dates.monthOf(civil) - 1) / 3 * 3 + 1;
          return Dates.epochDay(Dates.yearOf(civil), month, 1);
        }
      case MONTH:
        {
          int civil = Dates.civil(epochDay);
          return Dates.epochDay(Dates.yearOf(civil), Dates.monthOf(civil), 1);
        }
      case WEEK:
        // dayOfWeek: 0 = Sunday; days since Monday = (dow + 6) % 7.
        return epochDay - (Dates.dayOfWeek(epochDay) + 6) % 7;
      default:
        return epochDay;
    }
  }
}
