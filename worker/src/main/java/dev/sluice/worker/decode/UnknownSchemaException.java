package dev.sluice.worker.decode;

/** A schema id that names no usable Avro schema; the message is the error rows' reason. */
public final class UnknownSchemaException extends RuntimeException {

  public UnknownSchemaException(String message) {
    super(message, null, false, false);
  }
}
