package dev.sluice.worker.control;

import static java.util.Objects.requireNonNull;

import dev.sluice.api.lease.AbortRequest;
import dev.sluice.api.lease.AcquireLeaseRequest;
import dev.sluice.api.lease.AcquireLeaseResponse;
import dev.sluice.api.lease.CommitRequest;
import dev.sluice.api.lease.CommitResponse;
import dev.sluice.api.lease.HeartbeatRequest;
import dev.sluice.api.lease.HeartbeatResponse;
import dev.sluice.api.lease.LeaseServiceGrpc.LeaseServiceBlockingStub;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * The worker's side of the lease API, with the retry rules of the commit protocol: a commit whose
 * outcome is unknown is sent again, unchanged, until it gets an answer; a rejected one is final.
 */
public final class LeaseClient {
  private static final Logger LOG = Logger.getLogger(LeaseClient.class.getName());
  private static final Duration CALL_DEADLINE = Duration.ofSeconds(30);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  /** The answer to a commit. */
  public sealed interface CommitOutcome permits Committed, Rejected, GaveUp {}

  public record Committed(CommitResponse response) implements CommitOutcome {}

  /** The control plane refused: nothing was applied, the attempt's files can go. */
  public record Rejected(Status status) implements CommitOutcome {}

  /** The worker is shutting down before it heard an answer: the outcome stays unknown. */
  public record GaveUp(Status lastStatus) implements CommitOutcome {}

  private final LeaseServiceBlockingStub stub;
  private final String workerId;

  public LeaseClient(LeaseServiceBlockingStub stub, String workerId) {
    this.stub = requireNonNull(stub, "stub is null");
    this.workerId = requireNonNull(workerId, "workerId is null");
  }

  public String workerId() {
    return workerId;
  }

  public AcquireLeaseResponse acquire() {
    return deadline().acquireLease(AcquireLeaseRequest.newBuilder().setWorkerId(workerId).build());
  }

  public HeartbeatResponse heartbeat(String taskId, long epoch) {
    return deadline()
        .heartbeat(
            HeartbeatRequest.newBuilder()
                .setTaskId(taskId)
                .setLeaseEpoch(epoch)
                .setWorkerId(workerId)
                .build());
  }

  public CommitOutcome commit(CommitRequest request, BooleanSupplier keepTrying) {
    Duration backoff = Duration.ofMillis(100);
    while (true) {
      try {
        return new Committed(deadline().commit(request));
      } catch (StatusRuntimeException e) {
        Status status = e.getStatus();
        if (isRejection(status.getCode())) {
          return new Rejected(status);
        }
        LOG.warning(
            "commit of attempt "
                + request.getAttemptId()
                + " has an unknown outcome ("
                + status
                + "); sending it again");
        if (!keepTrying.getAsBoolean()) {
          return new GaveUp(status);
        }
        sleep(backoff);
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      }
    }
  }

  /** Best effort: if the abort is lost, the lease simply expires. */
  public void abort(AbortRequest request) {
    try {
      deadline().abort(request);
    } catch (StatusRuntimeException e) {
      LOG.warning("abort of task " + request.getTaskId() + " was not heard: " + e.getStatus());
    }
  }

  private static boolean isRejection(Status.Code code) {
    return switch (code) {
      case FAILED_PRECONDITION,
              ABORTED,
              INVALID_ARGUMENT,
              NOT_FOUND,
              ALREADY_EXISTS,
              PERMISSION_DENIED,
              UNAUTHENTICATED,
              OUT_OF_RANGE,
              UNIMPLEMENTED ->
          true;
      case OK,
              CANCELLED,
              UNKNOWN,
              DEADLINE_EXCEEDED,
              RESOURCE_EXHAUSTED,
              INTERNAL,
              UNAVAILABLE,
              DATA_LOSS ->
          false;
    };
  }

  private LeaseServiceBlockingStub deadline() {
    return stub.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
