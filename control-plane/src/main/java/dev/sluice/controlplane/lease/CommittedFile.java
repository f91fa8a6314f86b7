package dev.sluice.controlplane.lease;

import static java.util.Objects.requireNonNull;

/** A tablet written by an attempt, to be added to the table's manifest on commit. */
public record CommittedFile(
    String objectKey,
    String partitionValue,
    int bucket,
    long rowCount,
    long sizeBytes,
    String columnStatsJson) {
  public CommittedFile {
    requireNonNull(objectKey, "objectKey is null");
    requireNonNull(partitionValue, "partitionValue is null");
    requireNonNull(columnStatsJson, "columnStatsJson is null");
    if (objectKey.isEmpty()) {
      throw new IllegalArgumentException("objectKey is empty");
    }
  }
}
