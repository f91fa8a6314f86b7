package dev.sluice.worker.decode;

/** Avro binary data that does not match its writer schema; the record becomes an error row. */
final class MalformedAvroException extends RuntimeException {

  MalformedAvroException(String message) {
    // No stack trace: bad records are data, not bugs, and may be frequent.
    super(message, null, false, false);
  }
}
