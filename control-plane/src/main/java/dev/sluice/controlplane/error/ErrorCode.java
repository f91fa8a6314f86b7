package dev.sluice.controlplane.error;

import static java.util.Objects.requireNonNull;

/**
 * Stable error codes of the control plane. A code's number is never reused, even after the code is
 * retired; clients may depend on both the name and the number.
 */
public enum ErrorCode {
  // User errors: the request is wrong; retrying it unchanged fails again.
  SYNTAX_ERROR(1, Category.USER_ERROR),
  INVALID_ARGUMENT(2, Category.USER_ERROR),
  UNKNOWN_DATABASE(3, Category.USER_ERROR),
  UNKNOWN_TABLE(4, Category.USER_ERROR),
  UNKNOWN_JOB(5, Category.USER_ERROR),
  UNKNOWN_STORAGE_VOLUME(6, Category.USER_ERROR),
  ALREADY_EXISTS(7, Category.USER_ERROR),
  INVALID_STATE(8, Category.USER_ERROR),
  NO_DATABASE_SELECTED(9, Category.USER_ERROR),
  NOT_SUPPORTED(10, Category.USER_ERROR),
  UNKNOWN_FILE(11, Category.USER_ERROR),
  UNAUTHENTICATED(12, Category.USER_ERROR),
  PERMISSION_DENIED(13, Category.USER_ERROR),

  // Lease protocol outcomes: the worker must drop the attempt.
  LEASE_LOST(100, Category.CONFLICT),
  OFFSET_CONFLICT(101, Category.CONFLICT),
  FILTER_RATIO_EXCEEDED(102, Category.CONFLICT),
  COMMIT_REFUSED(103, Category.CONFLICT),

  // External systems (Kafka, PostgreSQL, object store) failed; retrying may succeed.
  KAFKA_ERROR(200, Category.EXTERNAL),
  DATABASE_UNAVAILABLE(201, Category.EXTERNAL),

  // Bugs.
  INTERNAL(900, Category.INTERNAL);

  /** What kind of failure a code is; each maps to one gRPC status code. */
  public enum Category {
    USER_ERROR,
    CONFLICT,
    EXTERNAL,
    INTERNAL
  }

  private final int number;
  private final Category category;

  ErrorCode(int number, Category category) {
    this.number = number;
    this.category = requireNonNull(category, "category is null");
  }

  public int number() {
    return number;
  }

  public Category category() {
    return category;
  }
}
