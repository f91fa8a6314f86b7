package dev.sluice.controlplane.lease;

/** A leased partition and the next offset to consume from it. */
public record PartitionStart(int partition, long startOffset) {
  public PartitionStart {
    if (partition < 0) {
      throw new IllegalArgumentException("partition is negative: " + partition);
    }
    if (startOffset < 0) {
      throw new IllegalArgumentException("startOffset is negative: " + startOffset);
    }
  }
}
