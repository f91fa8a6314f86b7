package dev.sluice.expr.vector;

import dev.sluice.storage.schema.ColumnType;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** {@code trim}, {@code ltrim}, {@code rtrim}: remove leading and / or trailing spaces. */
public final class TrimKernel extends StringResultKernel {

  private final boolean leading;
  private final boolean trailing;

  public TrimKernel(
      ColumnType type,
      boolean leading,
      boolean trailing,
      VectorExpression input,
      BufferAllocator allocator) {
    super(type, List.of(input), allocator);
    this.leading = leading;
    this.trailing = trailing;
  }

  @Override
  protected boolean computeRow(int row) {
    int end = load(0, row);
    byte[] bytes = bytes(0);
    int start = 0;
    if (leading) {
      while (start < end && bytes[start] == ' ') {
        start++;
      }
    }
    if (trailing) {
      while (end > start && bytes[end - 1] == ' ') {
        end--;
      }
    }
    text.append(bytes, start, end - start);
    return true;
  }
}
