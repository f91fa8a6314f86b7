package dev.sluice.expr.vector;

import dev.sluice.storage.schema.ColumnType;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * {@code concat(a, b, ...)} (NULL if any argument is NULL) and {@code concat_ws(separator, a, b,
 * ...)} (NULL only if the separator is; NULL arguments are skipped).
 */
public final class ConcatKernel extends StringResultKernel {

  private final boolean withSeparator;

  public ConcatKernel(
      ColumnType type,
      boolean withSeparator,
      List<VectorExpression> arguments,
      BufferAllocator allocator) {
    super(type, arguments, allocator);
    this.withSeparator = withSeparator;
  }

  @Override
  protected boolean nullIfAnyArgumentIsNull() {
    return !withSeparator;
  }

  @Override
  protected boolean computeRow(int row) {
    if (!withSeparator) {
      for (int i = 0; i < argumentCount(); i++) {
        text.append(bytes(i), 0, load(i, row));
      }
      return true;
    }
    if (isNull(0, row)) {
      return false;
    }
    int separatorLength = load(0, row);
    boolean first = true;
    for (int i = 1; i < argumentCount(); i++) {
      if (isNull(i, row)) {
        continue;
      }
      if (!first) {
        text.append(bytes(0), 0, separatorLength);
      }
      text.append(bytes(i), 0, load(i, row));
      first = false;
    }
    return true;
  }
}
