package dev.sluice.worker.health;

import static java.util.Objects.requireNonNull;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Asks the control plane's standard gRPC health service whether it serves: the same channel the
 * lease API uses, so a worker that passes can lease.
 */
public final class ControlPlaneProbe {
  /** The answer: reachable and serving, or why not. */
  public record Result(boolean serving, String detail) {
    public Result {
      requireNonNull(detail, "detail is null");
    }
  }

  private final HealthGrpc.HealthBlockingStub health;
  private final Duration timeout;

  public ControlPlaneProbe(HealthGrpc.HealthBlockingStub health, Duration timeout) {
    this.health = requireNonNull(health, "health is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
  }

  public Result probe() {
    try {
      ServingStatus status =
          health
              .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .check(HealthCheckRequest.getDefaultInstance())
              .getStatus();
      return new Result(status == ServingStatus.SERVING, status.name());
    } catch (StatusRuntimeException e) {
      return new Result(false, e.getStatus().getCode() + ": " + e.getStatus().getDescription());
    }
  }
}
