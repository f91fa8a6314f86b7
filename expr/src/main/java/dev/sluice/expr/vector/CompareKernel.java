package dev.sluice.expr.vector;

import dev.sluice.expr.scalar.Decimals;
import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.ByteFunctionHelpers;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Compares two values of one type (the analyzer converts both sides first; decimals may differ in
 * scale). NULL on either side gives NULL, except for {@code <=>}. Strings compare as unsigned bytes
 * (UTF-8 code point order, StarRocks' binary collation); doubles with {@code <} and {@code ==}, so
 * -0.0 equals 0.0.
 */
public final class CompareKernel extends OwnedVectorExpression<BitVector> {

  private final ComparisonOperator operator;
  private final TypeKind kind;
  private final int leftScale;
  private final int rightScale;
  private final BitWriter bits = new BitWriter();

  public CompareKernel(
      ComparisonOperator operator,
      VectorExpression left,
      VectorExpression right,
      BufferAllocator allocator) {
    super(ColumnType.of(TypeKind.BOOLEAN), List.of(left, right), allocator);
    this.operator = operator;
    this.kind = left.type().kind();
    this.leftScale = left.type().scale();
    this.rightScale = right.type().scale();
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    FieldVector left = child(0).evaluate(context);
    FieldVector right = child(1).evaluate(context);
    int rows = context.rowCount();
    Vectors.prepare(out, rows);
    ArrowBuf a = left.getDataBuffer();
    ArrowBuf b = right.getDataBuffer();
    bits.start(out.getDataBuffer());
    switch (kind) {
      case BIGINT, DATETIME -> {
        long x = Raw.address(a, rows, 8);
        long y = Raw.address(b, rows, 8);
        for (int row = 0; row < rows; row++) {
          bits.add(operator.test(Long.compare(Raw.getLong(x, row), Raw.getLong(y, row))));
        }
      }
      case DATE -> {
        long x = Raw.address(a, rows, 4);
        long y = Raw.address(b, rows, 4);
        for (int row = 0; row < rows; row++) {
          bits.add(operator.test(Integer.compare(Raw.getInt(x, row), Raw.getInt(y, row))));
        }
      }
      case DOUBLE -> {
        long xs = Raw.address(a, rows, 8);
        long ys = Raw.address(b, rows, 8);
        for (int row = 0; row < rows; row++) {
          double x = Raw.getDouble(xs, row);
          double y = Raw.getDouble(ys, row);
          bits.add(operator.test(x < y ? -1 : (x == y ? 0 : 1)));
        }
      }
      case BOOLEAN -> {
        for (int row = 0; row < rows; row++) {
          bits.add(operator.test(Boolean.compare(Validity.isSet(a, row), Validity.isSet(b, row))));
        }
      }
      case DECIMAL -> compareDecimals(a, b, rows);
      case VARCHAR -> {
        ArrowBuf aOffsets = left.getOffsetBuffer();
        ArrowBuf bOffsets = right.getOffsetBuffer();
        for (int row = 0; row < rows; row++) {
          long offset = (long) row * 4;
          int cmp =
              ByteFunctionHelpers.compare(
                  a,
                  aOffsets.getInt(offset),
                  aOffsets.getInt(offset + 4),
                  b,
                  bOffsets.getInt(offset),
                  bOffsets.getInt(offset + 4));
          bits.add(operator.test(Integer.signum(cmp)));
        }
      }
      default -> throw new IllegalStateException("cannot compare " + kind);
    }
    bits.finish();
    ArrowBuf validity = out.getValidityBuffer();
    if (operator == ComparisonOperator.NULL_SAFE_EQUAL) {
      applyNullSafety(left.getValidityBuffer(), right.getValidityBuffer(), rows);
      Validity.setAll(validity, rows);
    } else {
      Validity.and(left.getValidityBuffer(), right.getValidityBuffer(), validity, rows);
    }
    out.setValueCount(rows);
    return out;
  }

  private void compareDecimals(ArrowBuf a, ArrowBuf b, int rows) {
    int scale = Math.max(leftScale, rightScale);
    for (int row = 0; row < rows; row++) {
      long xLow = DecimalBuffers.low(a, row);
      long xHigh = DecimalBuffers.high(a, row);
      long yLow = DecimalBuffers.low(b, row);
      long yHigh = DecimalBuffers.high(b, row);
      int cmp;
      long x = Decimals.OVERFLOW;
      long y = Decimals.OVERFLOW;
      if (DecimalBuffers.fitsLong(xLow, xHigh) && DecimalBuffers.fitsLong(yLow, yHigh)) {
        x = Decimals.rescale(xLow, leftScale, scale);
        y = Decimals.rescale(yLow, rightScale, scale);
      }
      if (x != Decimals.OVERFLOW && y != Decimals.OVERFLOW) {
        cmp = Long.compare(x, y);
      } else {
        cmp =
            Decimals.rescale(DecimalBuffers.big(xLow, xHigh), leftScale, scale)
                .compareTo(Decimals.rescale(DecimalBuffers.big(yLow, yHigh), rightScale, scale));
      }
      bits.add(operator.test(cmp));
    }
  }

  // <=>: where either side is NULL the result is "both are NULL".
  private void applyNullSafety(ArrowBuf leftValidity, ArrowBuf rightValidity, int rows) {
    ArrowBuf data = out.getDataBuffer();
    for (int w = 0; w < Words.count(rows); w++) {
      long x = Words.read(leftValidity, w);
      long y = Words.read(rightValidity, w);
      long bothValid = x & y;
      long bothNull = ~x & ~y;
      Words.write(data, w, (Words.read(data, w) & bothValid) | bothNull);
    }
  }
}
