package dev.sluice.api.lease;

import io.grpc.Status;

/**
 * What the status code of a failed lease call means for the worker's attempt: the one table that
 * the control plane (when it answers) and the worker (when it reads the answer) both use.
 *
 * <p>Only two codes say "nothing of this attempt was applied, and nothing ever will be":
 * FAILED_PRECONDITION (the lease is lost, the attempt is fenced) and ABORTED (an offset
 * compare-and-set failed, or the batch was refused). Every other code, including ones the protocol
 * never sends on purpose (UNAUTHENTICATED during a token change, UNIMPLEMENTED from an older
 * replica, NOT_FOUND from a proxy), says nothing about the attempt: the commit may have landed, so
 * the worker sends the same commit again and deletes nothing.
 */
public enum LeaseCallOutcome {
  /** Nothing was applied and the attempt can never commit: drop it. */
  DROP_ATTEMPT,
  /** The call may or may not have been applied: send the same call again, delete nothing. */
  OUTCOME_UNKNOWN;

  public static LeaseCallOutcome of(Status.Code code) {
    return switch (code) {
      case FAILED_PRECONDITION, ABORTED -> DROP_ATTEMPT;
      case OK,
              CANCELLED,
              UNKNOWN,
              INVALID_ARGUMENT,
              DEADLINE_EXCEEDED,
              NOT_FOUND,
              ALREADY_EXISTS,
              PERMISSION_DENIED,
              RESOURCE_EXHAUSTED,
              OUT_OF_RANGE,
              UNIMPLEMENTED,
              INTERNAL,
              UNAVAILABLE,
              DATA_LOSS,
              UNAUTHENTICATED ->
          OUTCOME_UNKNOWN;
    };
  }
}
