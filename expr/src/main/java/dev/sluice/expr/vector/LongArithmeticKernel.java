package dev.sluice.expr.vector;

import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * BIGINT {@code + - * %}. Overflow is detected per row (no silent wrap-around): the row fails in
 * strict mode and is NULL otherwise. {@code x % 0} is NULL, as in MySQL. Integer division is not
 * here: {@code /} computes in DOUBLE or DECIMAL.
 */
public final class LongArithmeticKernel extends OwnedVectorExpression<FieldVector> {

  private final ArithmeticOperator operator;
  private final boolean strict;
  private final String sql;

  public LongArithmeticKernel(
      ArithmeticOperator operator,
      VectorExpression left,
      VectorExpression right,
      boolean strict,
      String sql,
      BufferAllocator allocator) {
    super(ColumnType.of(TypeKind.BIGINT), List.of(left, right), allocator);
    if (operator == ArithmeticOperator.DIVIDE) {
      throw new IllegalArgumentException("BIGINT division computes in DOUBLE or DECIMAL");
    }
    this.operator = operator;
    this.strict = strict;
    this.sql = sql;
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    FieldVector left = child(0).evaluate(context);
    FieldVector right = child(1).evaluate(context);
    int rows = context.rowCount();
    Vectors.prepare(out, rows);
    ArrowBuf validity = out.getValidityBuffer();
    Validity.and(left.getValidityBuffer(), right.getValidityBuffer(), validity, rows);
    long a = Raw.address(left.getDataBuffer(), rows, 8);
    long b = Raw.address(right.getDataBuffer(), rows, 8);
    long target = Raw.address(out.getDataBuffer(), rows, 8);
    switch (operator) {
      case ADD -> {
        for (int row = 0; row < rows; row++) {
          long x = Raw.getLong(a, row);
          long y = Raw.getLong(b, row);
          long r = x + y;
          if (((x ^ r) & (y ^ r)) < 0) {
            overflow(validity, row);
          }
          Raw.putLong(target, row, r);
        }
      }
      case SUBTRACT -> {
        for (int row = 0; row < rows; row++) {
          long x = Raw.getLong(a, row);
          long y = Raw.getLong(b, row);
          long r = x - y;
          if (((x ^ y) & (x ^ r)) < 0) {
            overflow(validity, row);
          }
          Raw.putLong(target, row, r);
        }
      }
      case MULTIPLY -> {
        for (int row = 0; row < rows; row++) {
          long x = Raw.getLong(a, row);
          long y = Raw.getLong(b, row);
          long r = x * y;
          if (Math.multiplyHigh(x, y) != (r >> 63)) {
            overflow(validity, row);
          }
          Raw.putLong(target, row, r);
        }
      }
      case MODULUS -> {
        for (int row = 0; row < rows; row++) {
          long x = Raw.getLong(a, row);
          long y = Raw.getLong(b, row);
          if (y == 0) {
            Validity.clear(validity, row);
            continue;
          }
          Raw.putLong(target, row, x % y);
        }
      }
      case DIVIDE -> throw new IllegalStateException("unreachable");
    }
    out.setValueCount(rows);
    return out;
  }

  private void overflow(ArrowBuf validity, int row) {
    if (!Validity.isSet(validity, row)) {
      return;
    }
    Validity.clear(validity, row);
    if (strict) {
      fail(row, Reasons.overflow("BIGINT", sql));
    }
  }
}
