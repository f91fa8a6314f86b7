package dev.sluice.expr.vector;

import dev.sluice.storage.schema.ColumnType;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * BIGINT to TINYINT, SMALLINT or INT, and DOUBLE to FLOAT, for storing into a narrower column or an
 * explicit CAST. A value outside the target's range fails the row in strict mode and becomes NULL
 * otherwise, as a failed conversion does.
 */
public final class NarrowKernel extends OwnedVectorExpression<FieldVector> {

  private final boolean strict;

  public NarrowKernel(
      VectorExpression input, ColumnType target, boolean strict, BufferAllocator allocator) {
    super(target, List.of(input), allocator);
    this.strict = strict;
    switch (target.kind()) {
      case TINYINT, SMALLINT, INT, FLOAT -> {}
      default -> throw new IllegalArgumentException("not a narrow type: " + target);
    }
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    FieldVector in = child(0).evaluate(context);
    int rows = context.rowCount();
    Vectors.prepare(out, rows);
    ArrowBuf validity = out.getValidityBuffer();
    Validity.copy(in.getValidityBuffer(), validity, rows);
    ArrowBuf source = in.getDataBuffer();
    ArrowBuf target = out.getDataBuffer();
    switch (type().kind()) {
      case TINYINT -> {
        for (int row = 0; row < rows; row++) {
          long v = source.getLong((long) row * 8);
          if (v < Byte.MIN_VALUE || v > Byte.MAX_VALUE) {
            outOfRange(validity, row, v);
          }
          target.setByte(row, (byte) v);
        }
      }
      case SMALLINT -> {
        for (int row = 0; row < rows; row++) {
          long v = source.getLong((long) row * 8);
          if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
            outOfRange(validity, row, v);
          }
          target.setShort((long) row * 2, (short) v);
        }
      }
      case INT -> {
        for (int row = 0; row < rows; row++) {
          long v = source.getLong((long) row * 8);
          if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            outOfRange(validity, row, v);
          }
          target.setInt((long) row * 4, (int) v);
        }
      }
      default -> {
        for (int row = 0; row < rows; row++) {
          double v = source.getDouble((long) row * 8);
          float f = (float) v;
          if (Float.isInfinite(f) && !Double.isInfinite(v)) {
            outOfRange(validity, row, v);
          }
          target.setFloat((long) row * 4, f);
        }
      }
    }
    out.setValueCount(rows);
    return out;
  }

  // Only reached for out-of-range values, which may sit in NULL rows (their data is arbitrary).
  private void outOfRange(ArrowBuf validity, int row, Object value) {
    if (!Validity.isSet(validity, row)) {
      return;
    }
    Validity.clear(validity, row);
    if (strict) {
      fail(row, Reasons.outOfRange(String.valueOf(value), type().toString()));
    }
  }
}
