package dev.sluice.expr.vector;

import dev.sluice.storage.schema.ColumnType;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Checks strings bound for a CHAR(n) or VARCHAR(n) column: a value longer than n bytes fails the
 * row in both modes, because StarRocks rejects such rows rather than truncating (the decoder does
 * the same for mapped columns). The input vector is passed through unchanged: a failed row is never
 * loaded, so its value does not matter.
 */
public final class StringLengthCheck extends VectorExpression {

  private final int maxBytes;
  private final VarCharReader reader = new VarCharReader();

  public StringLengthCheck(VectorExpression input, ColumnType target) {
    super(target, List.of(input));
    this.maxBytes = target.length();
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    VarCharVector in = (VarCharVector) child(0).evaluate(context);
    int rows = context.rowCount();
    ArrowBuf offsets = in.getOffsetBuffer();
    ArrowBuf validity = in.getValidityBuffer();
    for (int row = 0; row < rows; row++) {
      int length = offsets.getInt((long) (row + 1) * 4) - offsets.getInt((long) row * 4);
      if (length > maxBytes && Validity.isSet(validity, row)) {
        reader.load(in, row);
        fail(
            row,
            "value "
                + Reasons.quote(reader.bytes(), 0, length)
                + " is "
                + length
                + " bytes, longer than the "
                + maxBytes
                + " bytes of "
                + type());
      }
    }
    return in;
  }
}
