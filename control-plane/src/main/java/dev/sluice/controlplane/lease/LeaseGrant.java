package dev.sluice.controlplane.lease;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A task handed to one worker until {@code expiresAt} (PostgreSQL's clock), fenced by {@code
 * epoch}. {@code duration} is the lease's length, which the worker times its heartbeats by: its own
 * clock may disagree with PostgreSQL's about when {@code expiresAt} is.
 */
public record LeaseGrant(
    UUID taskId,
    long jobId,
    long epoch,
    UUID attemptId,
    Instant expiresAt,
    Duration duration,
    List<PartitionStart> partitions) {
  public LeaseGrant {
    requireNonNull(taskId, "taskId is null");
    requireNonNull(attemptId, "attemptId is null");
    requireNonNull(expiresAt, "expiresAt is null");
    requireNonNull(duration, "duration is null");
    partitions = List.copyOf(requireNonNull(partitions, "partitions is null"));
  }
}
