package dev.sluice.expr.vector;

import dev.sluice.expr.scalar.LikePattern;
import dev.sluice.storage.schema.ColumnType;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * {@code split_part(str, delimiter, n)}: the n-th part (from 1), or with a negative n the n-th part
 * counted from the end; NULL when there is no such part, when n is 0 or the delimiter is empty, as
 * in StarRocks.
 */
public final class SplitPartKernel extends StringResultKernel {

  private byte[] delimiter = new byte[4];

  public SplitPartKernel(
      ColumnType type, List<VectorExpression> arguments, BufferAllocator allocator) {
    super(type, arguments, allocator);
  }

  @Override
  protected boolean computeRow(int row) {
    int length = load(0, row);
    byte[] bytes = bytes(0);
    int delimiterLength = load(1, row);
    long n = longArgument(2, row);
    if (n == 0 || delimiterLength == 0) {
      return false;
    }
    if (delimiter.length != delimiterLength) {
      delimiter = new byte[delimiterLength];
    }
    System.arraycopy(bytes(1), 0, delimiter, 0, delimiterLength);
    if (n < 0) {
      // Count parts first, then take the (parts + n + 1)-th from the start.
      long parts = 1;
      for (int at = LikePattern.indexOf(bytes, 0, length, delimiter);
          at >= 0;
          at = LikePattern.indexOf(bytes, at + delimiterLength, length, delimiter)) {
        parts++;
      }
      n = parts + n + 1;
      if (n < 1) {
        return false;
      }
    }
    int start = 0;
    for (long part = 1; part < n; part++) {
      int at = LikePattern.indexOf(bytes, start, length, delimiter);
      if (at < 0) {
        return false;
      }
      start = at + delimiterLength;
    }
    int end = LikePattern.indexOf(bytes, start, length, delimiter);
    text.append(bytes, start, (end < 0 ? length : end) - start);
    return true;
  }
}
