package dev.sluice.expr.vector;

import dev.sluice.expr.scalar.LikePattern;
import dev.sluice.storage.schema.ColumnType;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * {@code replace(str, from, to)}: every occurrence, left to right; an empty {@code from} changes
 * nothing.
 */
public final class ReplaceKernel extends StringResultKernel {

  private byte[] needle = new byte[16];

  public ReplaceKernel(
      ColumnType type, List<VectorExpression> arguments, BufferAllocator allocator) {
    super(type, arguments, allocator);
  }

  @Override
  protected boolean computeRow(int row) {
    int length = load(0, row);
    byte[] bytes = bytes(0);
    int fromLength = load(1, row);
    int toLength = load(2, row);
    if (fromLength == 0) {
      text.append(bytes, 0, length);
      return true;
    }
    if (needle.length != fromLength) {
      needle = new byte[fromLength];
    }
    System.arraycopy(bytes(1), 0, needle, 0, fromLength);
    int position = 0;
    while (true) {
      int found = LikePattern.indexOf(bytes, position, length, needle);
      if (found < 0) {
        break;
      }
      text.append(bytes, position, found - position);
      text.append(bytes(2), 0, toLength);
      position = found + fromLength;
    }
    text.append(bytes, position, length - position);
    return true;
  }
}
