package dev.sluice.controlplane.lease;

/**
 * How far one attempt moved a partition. {@code endOffset} is the next offset to consume, not the
 * last one consumed: offsets may have gaps (transactions, compaction).
 */
public record PartitionProgress(
    int partition, long startOffset, long endOffset, long lastTimestampMs) {
  public PartitionProgress {
    if (endOffset < startOffset) {
      throw new IllegalArgumentException(
          "partition "
              + partition
              + ": end offset "
              + endOffset
              + " is before start "
              + startOffset);
    }
  }
}
