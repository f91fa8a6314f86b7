package dev.sluice.worker.decode;

/**
 * The schema registry could not be asked (unreachable, timed out, refused the credentials, or
 * answered an error). Not the records' fault: it fails the task, which is retried later, rather
 * than turning good records into error rows.
 */
public final class SchemaRegistryException extends RuntimeException {

  public SchemaRegistryException(String message) {
    super(message);
  }

  public SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
