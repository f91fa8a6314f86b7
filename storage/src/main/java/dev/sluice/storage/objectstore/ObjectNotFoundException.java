package dev.sluice.storage.objectstore;

/** The object does not exist. Never retryable: asking again gives the same answer. */
public final class ObjectNotFoundException extends StorageException {

  private static final long serialVersionUID = 1L;

  private final String key;

  public ObjectNotFoundException(String key) {
    super("object not found: " + key, false);
    this.key = key;
  }

  public ObjectNotFoundException(String key, Throwable cause) {
    super("object not found: " + key, false, cause);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
