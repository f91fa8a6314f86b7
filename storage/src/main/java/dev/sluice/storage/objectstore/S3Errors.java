package dev.sluice.storage.objectstore;

import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns AWS SDK exceptions into ours. */
final class S3Errors {

  static final int NOT_FOUND = 404;
  static final int CONFLICT = 409;
  static final int PRECONDITION_FAILED = 412;
  static final int RANGE_NOT_SATISFIABLE = 416;

  private S3Errors() {}

  static boolean isNotFound(SdkException e) {
    return e instanceof S3Exception s3
        && s3.statusCode() == NOT_FOUND
        && !"NoSuchBucket".equals(errorCode(s3));
  }

  static int status(SdkException e) {
    return e instanceof S3Exception s3 ? s3.statusCode() : -1;
  }

  /** {@code key} may be null for requests about several objects. */
  static StorageException translate(String operation, String key, SdkException e) {
    if (key != null && isNotFound(e)) {
      return new ObjectNotFoundException(key, e);
    }
    String what = key == null ? operation : operation + " " + key;
    if (e instanceof AbortedException) {
      return new StorageException(what + " was interrupted", false, e);
    }
    if (e instanceof S3Exception s3) {
      return new StorageException(
          what + " failed: HTTP " + s3.statusCode() + " " + errorCode(s3) + ": " + message(s3),
          retryable(s3),
          e);
    }
    // Client-side failures are mostly I/O: connection refused or reset, timeouts.
    boolean retryable = e instanceof SdkClientException || e.retryable();
    return new StorageException(what + " failed: " + e.getMessage(), retryable, e);
  }

  private static boolean retryable(S3Exception e) {
    int status = e.statusCode();
    // 409 is a concurrent conditional write or multipart completion still in progress.
    return status == 408 || status == CONFLICT || status == 429 || status >= 500 || e.retryable();
  }

  private static String errorCode(S3Exception e) {
    return e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
  }

  private static String message(S3Exception e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
        ? e.getMessage()
        : e.awsErrorDetails().errorMessage();
  }
}
