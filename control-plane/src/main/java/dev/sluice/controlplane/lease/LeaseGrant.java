package dev.sluice.controlplane.lease;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A task handed to one worker until {@code expiresAt}, fenced by {@code epoch}. */
public record LeaseGrant(
    UUID taskId,
    long jobId,
    long epoch,
    UUID attemptId,
    Instant expiresAt,
    List<PartitionStart> partitions) {
  public LeaseGrant {
    requireNonNull(taskId, "taskId is null");
    requireNonNull(attemptId, "attemptId is null");
    requireNonNull(expiresAt, "expiresAt is null");
    partitions = List.copyOf(requireNonNull(partitions, "partitions is null"));
  }
}
