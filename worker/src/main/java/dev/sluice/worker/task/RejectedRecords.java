package dev.sluice.worker.task;

import dev.sluice.worker.decode.RejectSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Counts error rows and keeps the first of them, with reason, partition, offset and raw text, for
 * the job's rejected-record log. {@code log_rejected_record_num}: -1 keeps all, a positive number
 * keeps that many, 0 keeps the default of {@value #DEFAULT_KEPT} so a user can always see why rows
 * were rejected.
 *
 * <p>Thread-safe: the decoding and the encoding threads of a round both reject rows.
 */
final class RejectedRecords {
  static final int DEFAULT_KEPT = 100;
  // A huge record is cut in the log; the log is for finding the problem, not for replay.
  private static final int MAX_RAW_BYTES = 4096;

  private final long keep;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private long count;
  private long kept;

  RejectedRecords(long logRejectedRecordNum) {
    this.keep =
        logRejectedRecordNum < 0
            ? Long.MAX_VALUE
            : logRejectedRecordNum == 0 ? DEFAULT_KEPT : logRejectedRecordNum;
  }

  /** A sink for one decoding thread, logging rejections at the record last given to {@code at}. */
  Cursor cursor() {
    return new Cursor();
  }

  /** Where the record being decoded came from, for the log lines of its rejections. */
  final class Cursor implements RejectSink {
    private int partition;
    private long offset;

    void at(int partition, long offset) {
      this.partition = partition;
      this.offset = offset;
    }

    @Override
    public void reject(String reason, byte[] value) {
      RejectedRecords.this.reject(partition, offset, reason, value);
    }
  }

  /** Counts an error row of the record at {@code partition}/{@code offset} and maybe logs it. */
  synchronized void reject(int partition, long offset, String reason, byte[] value) {
    count++;
    if (kept >= keep) {
      return;
    }
    kept++;
    String raw =
        new String(value, 0, Math.min(value.length, MAX_RAW_BYTES), StandardCharsets.UTF_8)
            .replace("\n", "\\n");
    String line =
        "partition="
            + partition
            + "\toffset="
            + offset
            + "\treason="
            + reason
            + "\trecord="
            + raw
            + (value.length > MAX_RAW_BYTES ? "..." : "")
            + "\n";
    log.writeBytes(line.getBytes(StandardCharsets.UTF_8));
  }

  synchronized long count() {
    return count;
  }

  /** The log's content; empty when nothing was rejected. */
  synchronized byte[] logBytes() {
    return log.toByteArray();
  }
}
