package dev.sluice.expr.vector;

import dev.sluice.expr.scalar.Utf8;
import dev.sluice.storage.schema.ColumnType;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * {@code substr(str, pos[, len])}, in characters as MySQL: {@code pos} counts from 1, a negative
 * {@code pos} counts from the end, 0 or beyond the end gives the empty string, as does a {@code
 * len} below 1.
 */
public final class SubstrKernel extends StringResultKernel {

  public SubstrKernel(
      ColumnType type, List<VectorExpression> arguments, BufferAllocator allocator) {
    super(type, arguments, allocator);
  }

  @Override
  protected boolean computeRow(int row) {
    int length = load(0, row);
    byte[] bytes = bytes(0);
    long position = longArgument(1, row);
    long count = argumentCount() > 2 ? longArgument(2, row) : Long.MAX_VALUE;
    if (position == 0 || count < 1) {
      return true;
    }
    int start;
    if (position > 0) {
      start = Utf8.skip(bytes, 0, length, (int) Math.min(position - 1, Integer.MAX_VALUE));
    } else {
      int characters = Utf8.length(bytes, 0, length);
      if (-position > characters) {
        return true;
      }
      start = Utf8.skip(bytes, 0, length, (int) (characters + position));
    }
    int end = Utf8.skip(bytes, start, length, (int) Math.min(count, Integer.MAX_VALUE));
    text.append(bytes, start, end - start);
    return true;
  }
}
