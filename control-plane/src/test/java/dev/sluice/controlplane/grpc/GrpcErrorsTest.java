package dev.sluice.controlplane.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.lease.LeaseCallOutcome;
import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

/** The lease API tells a worker to drop its attempt for protocol conflicts and nothing else. */
class GrpcErrorsTest {
  @Test
  void onlyProtocolConflictsTellTheWorkerToDropItsAttempt() {
    for (ErrorCode code : ErrorCode.values()) {
      Status status = GrpcErrors.toLeaseStatus(new SluiceException(code, "x")).getStatus();
      assertThat(LeaseCallOutcome.of(status.getCode()))
          .as("%s answered as %s", code, status.getCode())
          .isEqualTo(
              code.category() == ErrorCode.Category.CONFLICT
                  ? LeaseCallOutcome.DROP_ATTEMPT
                  : LeaseCallOutcome.OUTCOME_UNKNOWN);
    }
  }

  @Test
  void aBugIsNeverADropAndKeepsItsDescription() {
    Status status =
        GrpcErrors.toLeaseStatus(new IllegalStateException("no partitions")).getStatus();
    assertThat(LeaseCallOutcome.of(status.getCode())).isEqualTo(LeaseCallOutcome.OUTCOME_UNKNOWN);
    assertThat(status.getDescription()).contains("no partitions");
  }

  @Test
  void theAdminApiKeepsItsCodes() {
    assertThat(GrpcErrors.toStatus(new SluiceException(ErrorCode.INVALID_STATE, "x")).getStatus())
        .extracting(Status::getCode)
        .isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(
            GrpcErrors.toLeaseStatus(new SluiceException(ErrorCode.INVALID_STATE, "paused"))
                .getStatus())
        .satisfies(s -> assertThat(s.getCode()).isEqualTo(Status.Code.INTERNAL))
        .satisfies(s -> assertThat(s.getDescription()).isEqualTo("[INVALID_STATE] paused"));
  }
}
