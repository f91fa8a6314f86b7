package dev.sluice.expr.vector;

import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * DOUBLE {@code + - * / %}. Division or modulus by zero is NULL (MySQL); a result that is not
 * finite overflowed and fails the row in strict mode, NULL otherwise.
 */
public final class DoubleArithmeticKernel extends OwnedVectorExpression<FieldVector> {

  private final ArithmeticOperator operator;
  private final boolean strict;
  private final String sql;

  public DoubleArithmeticKernel(
      ArithmeticOperator operator,
      VectorExpression left,
      VectorExpression right,
      boolean strict,
      String sql,
      BufferAllocator allocator) {
    super(ColumnType.of(TypeKind.DOUBLE), List.of(left, right), allocator);
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
    boolean zeroIsNull =
        operator == ArithmeticOperator.DIVIDE || operator == ArithmeticOperator.MODULUS;
    for (int row = 0; row < rows; row++) {
      double x = Raw.getDouble(a, row);
      double y = Raw.getDouble(b, row);
      double r;
      switch (operator) {
        case ADD -> r = x + y;
        case SUBTRACT -> r = x - y;
        case MULTIPLY -> r = x * y;
        case DIVIDE -> r = x / y;
        default -> r = x % y;
      }
      if (!Double.isFinite(r)) {
        if (zeroIsNull && y == 0) {
          Validity.clear(validity, row);
        } else {
          overflow(validity, row);
        }
      }
      Raw.putDouble(target, row, r);
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
      fail(row, Reasons.overflow("DOUBLE", sql));
    }
  }
}
