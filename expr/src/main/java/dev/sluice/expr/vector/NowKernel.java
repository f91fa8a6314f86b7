package dev.sluice.expr.vector;

import dev.sluice.expr.scalar.Dates;
import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code now()} / {@code current_timestamp} (DATETIME), {@code curdate()} / {@code current_date}
 * (DATE) in the job's time zone, and {@code unix_timestamp()} (BIGINT): read once per batch, so all
 * rows of a batch get the same value.
 */
public final class NowKernel extends OwnedVectorExpression<FieldVector> {

  private final TypeKind kind;

  /** {@code kind}: DATETIME, DATE, or BIGINT for epoch seconds. */
  public NowKernel(TypeKind kind, BufferAllocator allocator) {
    super(ColumnType.of(kind), List.of(), allocator);
    this.kind = kind;
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    int rows = context.rowCount();
    Vectors.prepare(out, rows);
    ArrowBuf target = out.getDataBuffer();
    Validity.setAll(out.getValidityBuffer(), rows);
    switch (kind) {
      case DATETIME -> {
        long now = context.nowMicros();
        for (int row = 0; row < rows; row++) {
          target.setLong((long) row * 8, now);
        }
      }
      case DATE -> {
        int today = Dates.epochDayOfMicros(context.nowMicros());
        for (int row = 0; row < rows; row++) {
          target.setInt((long) row * 4, today);
        }
      }
      default -> {
        long seconds = context.nowEpochSecond();
        for (int row = 0; row < rows; row++) {
          target.setLong((long) row * 8, seconds);
        }
      }
    }
    out.setValueCount(rows);
    return out;
  }
}
