package dev.sluice.controlplane.lease;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Why an attempt gives its task back without committing. {@code deterministic} says the same lease
 * would fail the same way again (a setting the worker cannot use, a commit the database cannot
 * store), as opposed to an outage that may pass; {@code offsetOutOfRange} names the partition and
 * offset Kafka no longer has.
 */
public record TaskFailure(
    String reason, boolean deterministic, Optional<PartitionStart> offsetOutOfRange) {
  public TaskFailure {
    // Reasons quote data (PostgreSQL's own messages quote the value it refused), and a text
    // column cannot hold U+0000: storing the reason must not fail like the thing it explains.
    // It is shown on one line (ReasonOfStateChanged, Message).
    reason =
        requireNonNull(reason, "reason is null")
            .replace('\u0000', '\uFFFD')
            .replaceAll("\\s*\\R\\s*", " ");
    requireNonNull(offsetOutOfRange, "offsetOutOfRange is null");
  }

  public static TaskFailure transientFailure(String reason) {
    return new TaskFailure(reason, false, Optional.empty());
  }
}
