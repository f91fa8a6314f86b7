package dev.sluice.worker.decode;

import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.util.OversizedAllocationException;

/**
 * CSV as Routine Load reads it: one record is one row (a trailing {@code \n} or {@code \r\n} is
 * dropped), fields are split on the raw bytes of the column separator, {@code \N} is NULL and an
 * empty field is an empty string. There is no quoting: a {@code "} is an ordinary byte.
 *
 * <p>Fields are located by offsets into the record and converted in place: no String or array per
 * record.
 */
final class CsvDecoder implements RecordDecoder {

  private static final byte[] NO_VALUE = new byte[0];

  private final byte[] separator;
  private final SourceColumns columns;
  private final boolean[] needed;
  private final RowWriter writer;

  // Field boundaries of the current record; only the first columns.size() are kept.
  private final int[] starts;
  private final int[] ends;

  CsvDecoder(byte[] separator, SourceColumns columns, boolean strict) {
    this.separator = separator.clone();
    this.columns = columns;
    this.needed = new boolean[columns.size()];
    for (int i = 0; i < needed.length; i++) {
      needed[i] = columns.column(i).needed();
    }
    this.writer = new RowWriter(columns, strict);
    this.starts = new int[columns.size()];
    this.ends = new int[columns.size()];
  }

  @Override
  public int decode(byte[] value, SourceBatch batch, RejectSink rejects) {
    batch.checkColumns(columns);
    if (value == null) {
      rejects.reject(Reasons.EMPTY_MESSAGE, NO_VALUE);
      return 0;
    }
    int end = value.length;
    if (end > 0 && value[end - 1] == '\n') {
      end--;
      if (end > 0 && value[end - 1] == '\r') {
        end--;
      }
    }
    if (end == 0) {
      rejects.reject(Reasons.EMPTY_MESSAGE, value);
      return 0;
    }
    int found = separator.length == 1 ? splitOnByte(value, end) : splitOnBytes(value, end);
    if (found != columns.size()) {
      rejects.reject(Reasons.wrongFieldCount(columns.size(), found), value);
      return 0;
    }
    int row = batch.rowCount();
    try {
      writer.start(batch);
      for (int i = 0; i < needed.length; i++) {
        if (!needed[i]) {
          continue;
        }
        int start = starts[i];
        int length = ends[i] - start;
        if (length == 2 && value[start] == '\\' && value[start + 1] == 'N') {
          writer.nullValue(i);
        } else {
          writer.value(i, value, start, length);
        }
      }
      if (writer.finish()) {
        return 1;
      }
      rejects.reject(writer.failure(), value);
      return 0;
    } catch (OutOfMemoryException | OversizedAllocationException e) {
      batch.rollback(row);
      throw e;
    } catch (RuntimeException e) {
      // A bug must not stop the task on one record; the reason makes it visible.
      batch.rollback(row);
      rejects.reject(Reasons.bounded("could not decode the record: " + e), value);
      return 0;
    }
  }

  /** Records the fields of [0, end) split on a one-byte separator; returns the field count. */
  private int splitOnByte(byte[] value, int end) {
    byte split = separator[0];
    int limit = starts.length;
    int count = 0;
    int start = 0;
    for (int i = 0; i < end; i++) {
      if (value[i] == split) {
        if (count < limit) {
          starts[count] = start;
          ends[count] = i;
        }
        count++;
        start = i + 1;
      }
    }
    if (count < limit) {
      starts[count] = start;
      ends[count] = end;
    }
    return count + 1;
  }

  /**
   * Like {@link #splitOnByte} for a separator of several bytes, matched left to right without
   * overlaps. Separators are at most 50 bytes, so comparing at each candidate is cheap.
   */
  private int splitOnBytes(byte[] value, int end) {
    byte first = separator[0];
    int width = separator.length;
    int limit = starts.length;
    int count = 0;
    int start = 0;
    int i = 0;
    while (i <= end - width) {
      if (value[i] == first && matchesSeparator(value, i)) {
        if (count < limit) {
          starts[count] = start;
          ends[count] = i;
        }
        count++;
        i += width;
        start = i;
      } else {
        i++;
      }
    }
    if (count < limit) {
      starts[count] = start;
      ends[count] = end;
    }
    return count + 1;
  }

  private boolean matchesSeparator(byte[] value, int at) {
    for (int k = 1; k < separator.length; k++) {
      if (value[at + k] != separator[k]) {
        return false;
      }
    }
    return true;
  }
}
