package dev.sluice.expr.vector;

import java.util.Arrays;

/**
 * The rows of the current batch whose value could not be computed, each with its first reason. A
 * failed row is "poisoned": it propagates up the tree like a NULL, except through the branches of
 * CASE, AND, OR and COALESCE that do not decide the row's value, exactly as a row-at-a-time
 * interpreter that skips unevaluated branches would behave. Storage is reused across batches;
 * reasons are built only for failed rows, so they cost nothing on clean data.
 */
public final class Failures {

  private long[] bits = new long[0];
  private String[] reasons = new String[0];
  private int count;
  private int highestRow = -1;

  public boolean isEmpty() {
    return count == 0;
  }

  public int count() {
    return count;
  }

  public void reset() {
    if (count == 0) {
      return;
    }
    Arrays.fill(bits, 0, (highestRow >> 6) + 1, 0L);
    Arrays.fill(reasons, 0, highestRow + 1, null);
    count = 0;
    highestRow = -1;
  }

  public boolean isFailed(int row) {
    int word = row >> 6;
    return word < bits.length && (bits[word] & (1L << row)) != 0;
  }

  /** The reason of a failed row; null when the row did not fail. */
  public String reason(int row) {
    return isFailed(row) ? reasons[row] : null;
  }

  /** Marks the row failed, keeping an earlier reason if it already failed. */
  public void add(int row, String reason) {
    if (row >= reasons.length) {
      int capacity = Math.max(row + 1, Math.max(1024, reasons.length * 2));
      reasons = Arrays.copyOf(reasons, capacity);
      bits = Arrays.copyOf(bits, (capacity + 63) >> 6);
    }
    int word = row >> 6;
    long mask = 1L << row;
    if ((bits[word] & mask) != 0) {
      return;
    }
    bits[word] |= mask;
    reasons[row] = reason;
    count++;
    highestRow = Math.max(highestRow, row);
  }

  /** Adds every failure of {@code other}. */
  public void addAll(Failures other) {
    if (other.count == 0) {
      return;
    }
    for (int row = other.next(0); row >= 0; row = other.next(row + 1)) {
      add(row, other.reasons[row]);
    }
  }

  /** Adds the failure of {@code row} in {@code other}, if it has one. */
  public void addFrom(Failures other, int row) {
    if (other.count != 0 && other.isFailed(row)) {
      add(row, other.reasons[row]);
    }
  }

  /** Rows 64w..64w+63 as a bit mask. */
  public long word(int w) {
    return w < bits.length ? bits[w] : 0L;
  }

  /** The first failed row at or after {@code from}, or -1. */
  public int next(int from) {
    if (count == 0 || from > highestRow) {
      return -1;
    }
    int word = from >> 6;
    long current = bits[word] & (-1L << from);
    while (true) {
      if (current != 0) {
        return (word << 6) + Long.numberOfTrailingZeros(current);
      }
      word++;
      if (word > (highestRow >> 6)) {
        return -1;
      }
      current = bits[word];
    }
  }
}
