package dev.sluice.worker.decode;

/** Receives error rows: records, or rows of a record, that could not be decoded or converted. */
@FunctionalInterface
public interface RejectSink {

  /**
   * Called once per error row.
   *
   * @param reason why, naming the column, the value (cut to about 100 characters) and the type
   *     where there is one
   * @param value the whole record value the row came from; empty for a tombstone. The decoder does
   *     not copy it: a sink that keeps it must not modify it.
   */
  void reject(String reason, byte[] value);
}
