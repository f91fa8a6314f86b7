package dev.sluice.worker.decode;

/**
 * Decodes Kafka record values into rows of a {@link SourceBatch}. Never throws because of a
 * record's content: what cannot be decoded is reported to the {@link RejectSink}. Only running out
 * of Arrow memory (the batch's allocator limit) is thrown, as it is no fault of the record.
 *
 * <p>Instances keep scratch buffers and are used by one thread at a time.
 */
public interface RecordDecoder {

  /**
   * Appends the rows of one record (usually one; several for a JSON array with {@code
   * strip_outer_array}) to {@code batch}, which is not checked for being full. Rejected rows are
   * reported to {@code rejects} and not appended.
   *
   * @param value the record's value; null (a tombstone) is an error row "empty message"
   * @param batch a batch of the same {@link SourceColumns} the decoder was created with
   * @return how many rows were appended
   * @throws IllegalArgumentException if {@code batch} holds other columns
   */
  int decode(byte[] value, SourceBatch batch, RejectSink rejects);
}
