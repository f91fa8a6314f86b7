package dev.sluice.controlplane.grpc;

import dev.sluice.api.lease.LeaseCallOutcome;
import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where error codes become gRPC status codes. The description starts with the stable
 * code in brackets, e.g. {@code [UNKNOWN_JOB] ...}, so clients can act on it.
 */
public final class GrpcErrors {
  private static final Logger LOG = Logger.getLogger(GrpcErrors.class.getName());

  private GrpcErrors() {}

  public static StatusRuntimeException toStatus(RuntimeException error) {
    if (error instanceof SluiceException sluice) {
      return status(sluice.code())
          .withDescription("[" + sluice.code() + "] " + sluice.getMessage())
          .asRuntimeException();
    }
    if (error instanceof IllegalArgumentException) {
      return Status.INVALID_ARGUMENT
          .withDescription("[" + ErrorCode.INVALID_ARGUMENT + "] " + error.getMessage())
          .asRuntimeException();
    }
    // A bug: the user gets a short message, the log gets the stack trace.
    LOG.log(Level.SEVERE, "internal error", error);
    return Status.INTERNAL
        .withDescription("[" + ErrorCode.INTERNAL + "] internal error: " + error)
        .asRuntimeException();
  }

  /**
   * The lease API's answer to a failure. Only a protocol conflict (LEASE_LOST, OFFSET_CONFLICT,
   * FILTER_RATIO_EXCEEDED) may carry a code that {@link LeaseCallOutcome} reads as "drop the
   * attempt"; any other failure that would map to such a code (INVALID_STATE is FAILED_PRECONDITION
   * on the admin API) is answered as INTERNAL, so the worker resends and deletes nothing.
   */
  public static StatusRuntimeException toLeaseStatus(RuntimeException error) {
    StatusRuntimeException status = toStatus(error);
    boolean conflict =
        error instanceof SluiceException sluice
            && sluice.code().category() == ErrorCode.Category.CONFLICT;
    if (!conflict
        && LeaseCallOutcome.of(status.getStatus().getCode()) == LeaseCallOutcome.DROP_ATTEMPT) {
      return Status.INTERNAL
          .withDescription(status.getStatus().getDescription())
          .asRuntimeException();
    }
    return status;
  }

  static Status status(ErrorCode code) {
    return switch (code) {
      case SYNTAX_ERROR, INVALID_ARGUMENT, NOT_SUPPORTED -> Status.INVALID_ARGUMENT;
      case UNKNOWN_DATABASE, UNKNOWN_TABLE, UNKNOWN_JOB, UNKNOWN_STORAGE_VOLUME, UNKNOWN_FILE ->
          Status.NOT_FOUND;
      case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
      case INVALID_STATE, NO_DATABASE_SELECTED, LEASE_LOST -> Status.FAILED_PRECONDITION;
      case OFFSET_CONFLICT, FILTER_RATIO_EXCEEDED, COMMIT_REFUSED -> Status.ABORTED;
      case KAFKA_ERROR, DATABASE_UNAVAILABLE -> Status.UNAVAILABLE;
      case UNAUTHENTICATED -> Status.UNAUTHENTICATED;
      case PERMISSION_DENIED -> Status.PERMISSION_DENIED;
      case INTERNAL -> Status.INTERNAL;
    };
  }
}
