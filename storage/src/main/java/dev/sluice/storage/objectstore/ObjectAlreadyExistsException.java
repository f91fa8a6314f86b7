package dev.sluice.storage.objectstore;

/** A conditional create lost: the key already exists. Never retryable. */
public final class ObjectAlreadyExistsException extends StorageException {

  private static final long serialVersionUID = 1L;

  private final String key;

  public ObjectAlreadyExistsException(String key) {
    super("object already exists: " + key, false);
    this.key = key;
  }

  public ObjectAlreadyExistsException(String key, Throwable cause) {
    super("object already exists: " + key, false, cause);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
