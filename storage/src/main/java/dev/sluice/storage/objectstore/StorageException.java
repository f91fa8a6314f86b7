package dev.sluice.storage.objectstore;

/**
 * A failed object store operation. {@link #retryable()} tells whether repeating the same call may
 * succeed (throttling, server errors, broken connections) or is pointless (bad credentials, missing
 * bucket, invalid request).
 */
public class StorageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  public StorageException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  public StorageException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
