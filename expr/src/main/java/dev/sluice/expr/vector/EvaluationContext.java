package dev.sluice.expr.vector;

import static java.util.Objects.requireNonNull;

import dev.sluice.expr.scalar.Dates;
import dev.sluice.expr.scalar.ZoneOffsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.arrow.vector.FieldVector;

/**
 * What kernels see of the batch being evaluated: its row count, the input vectors by index, and
 * per-batch values such as {@code now()}. One per evaluator; a new batch gets a new id, which is
 * how kernels shared by several parents know they were already evaluated for it.
 */
public final class EvaluationContext {

  private final Clock clock;
  private final ZoneOffsets zone;
  private FieldVector[] inputs = new FieldVector[0];
  private int rowCount;
  private long batchId;
  private long nowMicros;
  private long nowEpochSecond;
  private boolean nowKnown;

  public EvaluationContext(Clock clock, ZoneId zone) {
    this.clock = requireNonNull(clock, "clock is null");
    this.zone = new ZoneOffsets(requireNonNull(zone, "zone is null"));
  }

  /** Starts a batch; {@code inputs} is not copied and must not change until the next batch. */
  public void startBatch(FieldVector[] inputs, int rowCount) {
    if (rowCount < 0) {
      throw new IllegalArgumentException("rowCount must not be negative: " + rowCount);
    }
    this.inputs = requireNonNull(inputs, "inputs is null");
    this.rowCount = rowCount;
    this.batchId++;
    this.nowKnown = false;
  }

  public int rowCount() {
    return rowCount;
  }

  public long batchId() {
    return batchId;
  }

  public FieldVector input(int index) {
    return inputs[index];
  }

  /**
   * The wall-clock time of the job's time zone as DATETIME microseconds, read once per batch so
   * that every row of a batch sees the same {@code now()}.
   */
  public long nowMicros() {
    readClock();
    return nowMicros;
  }

  /** The batch's {@code unix_timestamp()}. */
  public long nowEpochSecond() {
    readClock();
    return nowEpochSecond;
  }

  private void readClock() {
    if (!nowKnown) {
      Instant instant = clock.instant();
      nowEpochSecond = instant.getEpochSecond();
      long local = zone.toLocal(nowEpochSecond);
      nowMicros = local * Dates.MICROS_PER_SECOND + instant.getNano() / 1000;
      nowKnown = true;
    }
  }
}
