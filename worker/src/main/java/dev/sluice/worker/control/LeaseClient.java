package dev.sluice.worker.control;

import static java.util.Objects.requireNonNull;

import dev.sluice.api.lease.AbortRequest;
import dev.sluice.api.lease.AcquireLeaseRequest;
import dev.sluice.api.lease.AcquireLeaseResponse;
import dev.sluice.api.lease.CommitRequest;
import dev.sluice.api.lease.CommitResponse;
import dev.sluice.api.lease.HeartbeatRequest;
import dev.sluice.api.lease.HeartbeatResponse;
import dev.sluice.api.lease.LeaseCallOutcome;
import dev.sluice.api.lease.LeaseServiceGrpc.LeaseServiceBlockingStub;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The worker's side of the lease API, with the retry rules of the commit protocol: a commit whose
 * outcome is unknown is sent again, unchanged, until it gets an answer; a rejected one is final.
 * What each status code means is {@link LeaseCallOutcome}'s table, which the control plane uses
 * too.
 */
public final class LeaseClient {
  private static final Logger LOG = Logger.getLogger(LeaseClient.class.getName());
  // A commit is one short PostgreSQL transaction; a call that takes longer is stuck (a frozen
  // replica, a cut connection) and is better sent again, to whichever replica answers.
  private static final Duration CALL_DEADLINE = Duration.ofSeconds(10);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  /** The answer to a commit. */
  public sealed interface CommitOutcome permits Committed, Rejected, GaveUp {}

  public record Committed(CommitResponse response) implements CommitOutcome {}

  /**
   * The control plane refused: nothing of the attempt was applied. {@code earlierSendUnknown} is
   * true when an earlier send of the same commit had an unknown outcome; its files are then left to
   * the orphan collector, which checks the manifest, rather than deleted on the word of one answer.
   */
  public record Rejected(Status status, boolean earlierSendUnknown) implements CommitOutcome {
    public Rejected {
      requireNonNull(status, "status is null");
    }
  }

  /** The worker is shutting down before it heard an answer: the outcome stays unknown. */
  public record GaveUp(Status lastStatus) implements CommitOutcome {}

  private final LeaseServiceBlockingStub stub;
  private final String workerId;
  private final Consumer<Status.Code> onResend;

  /** {@code onResend} hears the status of every commit send whose outcome was unknown. */
  public LeaseClient(
      LeaseServiceBlockingStub stub, String workerId, Consumer<Status.Code> onResend) {
    this.stub = requireNonNull(stub, "stub is null");
    this.workerId = requireNonNull(workerId, "workerId is null");
    this.onResend = requireNonNull(onResend, "onResend is null");
  }

  public String workerId() {
    return workerId;
  }

  public AcquireLeaseResponse acquire() {
    return deadline().acquireLease(AcquireLeaseRequest.newBuilder().setWorkerId(workerId).build());
  }

  /** {@code deadline} keeps a hung call from outliving the next beat. */
  public HeartbeatResponse heartbeat(String taskId, long epoch, Duration deadline) {
    return stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
        .heartbeat(
            HeartbeatRequest.newBuilder()
                .setTaskId(taskId)
                .setLeaseEpoch(epoch)
                .setWorkerId(workerId)
                .build());
  }

  public CommitOutcome commit(CommitRequest request, BooleanSupplier keepTrying) {
    Duration backoff = Duration.ofMillis(100);
    boolean unknownSent = false;
    while (true) {
      try {
        return new Committed(deadline().commit(request));
      } catch (StatusRuntimeException e) {
        Status status = e.getStatus();
        switch (LeaseCallOutcome.of(status.getCode())) {
          case DROP_ATTEMPT -> {
            return new Rejected(status, unknownSent);
          }
          case OUTCOME_UNKNOWN -> {
            unknownSent = true;
            onResend.accept(status.getCode());
            LOG.warning(
                "commit of attempt "
                    + request.getAttemptId()
                    + " has an unknown outcome ("
                    + status
                    + "); sending it again");
          }
        }
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
