package dev.sluice.expr.vector;

import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code abs(x)} of BIGINT, DOUBLE or DECIMAL; {@code abs(-9223372036854775808)} overflows (fails
 * in strict mode, NULL otherwise).
 */
public final class AbsKernel extends OwnedVectorExpression<FieldVector> {

  private final boolean strict;
  private final String sql;

  public AbsKernel(VectorExpression input, boolean strict, String sql, BufferAllocator allocator) {
    super(input.type(), List.of(input), allocator);
    this.strict = strict;
    this.sql = sql;
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
      case BIGINT -> {
        for (int row = 0; row < rows; row++) {
          long v = source.getLong((long) row * 8);
          if (v == Long.MIN_VALUE && Validity.isSet(validity, row)) {
            Validity.clear(validity, row);
            if (strict) {
              fail(row, Reasons.overflow("BIGINT", sql));
            }
          }
          target.setLong((long) row * 8, Math.abs(v));
        }
      }
      case DOUBLE -> {
        for (int row = 0; row < rows; row++) {
          target.setDouble((long) row * 8, Math.abs(source.getDouble((long) row * 8)));
        }
      }
      case DECIMAL -> {
        for (int row = 0; row < rows; row++) {
          long low = DecimalBuffers.low(source, row);
          long high = DecimalBuffers.high(source, row);
          if (DecimalBuffers.fitsLong(low, high) && low != Long.MIN_VALUE) {
            DecimalBuffers.set(target, row, Math.abs(low));
          } else {
            DecimalBuffers.set(target, row, DecimalBuffers.big(low, high).abs());
          }
        }
      }
      default -> throw new IllegalStateException("no abs of " + type());
    }
    out.setValueCount(rows);
    return out;
  }
}
