package dev.sluice.controlplane.lease;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.UUID;

/** Everything one attempt asks to make visible in one transaction. */
public record CommitRequest(
    UUID taskId,
    long epoch,
    UUID attemptId,
    List<PartitionProgress> progress,
    List<CommittedFile> files,
    LoadStatistics statistics,
    String errorLogUrl,
    boolean drained) {
  public CommitRequest {
    requireNonNull(taskId, "taskId is null");
    requireNonNull(attemptId, "attemptId is null");
    progress = List.copyOf(requireNonNull(progress, "progress is null"));
    files = List.copyOf(requireNonNull(files, "files is null"));
    requireNonNull(statistics, "statistics is null");
    requireNonNull(errorLogUrl, "errorLogUrl is null");
  }
}
