package dev.sluice.expr.vector;

import dev.sluice.expr.scalar.Dates;
import dev.sluice.expr.scalar.ZoneOffsets;
import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.time.ZoneId;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Between Unix time and the job time zone's wall clock: BIGINT epoch seconds to DATETIME (the
 * instant half of {@code from_unixtime}; seconds outside 0 .. 9999-12-31 23:59:59 UTC give NULL as
 * in MySQL), or DATETIME to BIGINT epoch seconds ({@code unix_timestamp}; times before the epoch
 * give 0 as in MySQL). DST gaps and overlaps resolve as java.time does.
 */
public final class EpochKernel extends OwnedVectorExpression<FieldVector> {

  /** 9999-12-31 23:59:59 UTC, the largest second from_unixtime accepts. */
  static final long MAX_EPOCH_SECOND = 253_402_300_799L;

  private final boolean toDateTime;
  private final ZoneOffsets zone;

  public EpochKernel(
      VectorExpression input, boolean toDateTime, ZoneId zone, BufferAllocator allocator) {
    super(
        ColumnType.of(toDateTime ? TypeKind.DATETIME : TypeKind.BIGINT), List.of(input), allocator);
    this.toDateTime = toDateTime;
    this.zone = new ZoneOffsets(zone);
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
    if (toDateTime) {
      for (int row = 0; row < rows; row++) {
        long seconds = source.getLong((long) row * 8);
        if (seconds < 0 || seconds > MAX_EPOCH_SECOND) {
          Validity.clear(validity, row);
          continue;
        }
        long local = zone.toLocal(seconds);
        if (local > MAX_EPOCH_SECOND) {
          Validity.clear(validity, row);
          continue;
        }
        target.setLong((long) row * 8, local * Dates.MICROS_PER_SECOND);
      }
    } else {
      for (int row = 0; row < rows; row++) {
        long micros = source.getLong((long) row * 8);
        if (!Validity.isSet(validity, row)) {
          continue;
        }
        long epoch = zone.toEpochSecond(Math.floorDiv(micros, Dates.MICROS_PER_SECOND));
        target.setLong((long) row * 8, Math.max(0, epoch));
      }
    }
    out.setValueCount(rows);
    return out;
  }
}
