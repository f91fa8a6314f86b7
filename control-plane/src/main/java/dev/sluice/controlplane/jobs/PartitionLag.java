package dev.sluice.controlplane.jobs;

import java.time.Instant;
import java.util.OptionalDouble;

/**
 * How far a partition's committed progress is behind Kafka: the figure behind the lag metrics, the
 * autoscaler and the UNSTABLE sub-state of SHOW ROUTINE LOAD, computed in this one place.
 *
 * @param offsets LatestSourcePosition minus Progress: records (and transaction markers) not yet
 *     loaded, as of the planner's last look at Kafka
 * @param seconds lag of message time: 0 when caught up; otherwise the age of the last loaded
 *     message (its Kafka timestamp), which bounds from above how long the oldest waiting message
 *     has waited; empty while the partition is behind but never loaded a message
 */
public record PartitionLag(long offsets, OptionalDouble seconds) {

  public PartitionLag {
    if (offsets < 0) {
      throw new IllegalArgumentException("offsets is negative: " + offsets);
    }
  }

  /**
   * @param nextOffset the next offset to load (the committed progress)
   * @param latestOffset Kafka's end offset as last seen by the planner
   * @param lastTimestampMs Kafka timestamp of the last loaded message, 0 when none
   */
  public static PartitionLag of(
      long nextOffset, long latestOffset, long lastTimestampMs, Instant now) {
    // The planner and the commits update the two offsets independently; a commit can overtake
    // the planner's last look, which is no lag at all.
    long offsets = Math.max(0, latestOffset - nextOffset);
    if (offsets == 0) {
      return new PartitionLag(0, OptionalDouble.of(0));
    }
    if (lastTimestampMs <= 0) {
      return new PartitionLag(offsets, OptionalDouble.empty());
    }
    return new PartitionLag(
        offsets, OptionalDouble.of(Math.max(0, now.toEpochMilli() - lastTimestampMs) / 1000.0));
  }
}
