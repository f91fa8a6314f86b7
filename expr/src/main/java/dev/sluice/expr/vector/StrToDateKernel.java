package dev.sluice.expr.vector;

import dev.sluice.expr.scalar.DateFormat;
import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * {@code str_to_date(str, format)}: text parsed with a MySQL format into DATETIME (midnight when
 * the format has no time). Text that does not match, or is not a valid date, fails the row in
 * strict mode and is NULL otherwise.
 */
public final class StrToDateKernel extends OwnedVectorExpression<FieldVector> {

  private final boolean strict;
  private final FormatCache formats;
  private final DateFormat.Fields fields = new DateFormat.Fields();
  private final VarCharReader reader = new VarCharReader();

  public StrToDateKernel(
      VectorExpression text,
      VectorExpression format,
      DateFormat constantFormat,
      boolean strict,
      BufferAllocator allocator) {
    super(ColumnType.of(TypeKind.DATETIME), List.of(text, format), allocator);
    this.strict = strict;
    this.formats = new FormatCache(constantFormat);
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    VarCharVector in = (VarCharVector) child(0).evaluate(context);
    VarCharVector formatVector = (VarCharVector) child(1).evaluate(context);
    int rows = context.rowCount();
    Vectors.prepare(out, rows);
    ArrowBuf validity = out.getValidityBuffer();
    Validity.and(in.getValidityBuffer(), formatVector.getValidityBuffer(), validity, rows);
    ArrowBuf target = out.getDataBuffer();
    for (int row = 0; row < rows; row++) {
      if (!Validity.isSet(validity, row)) {
        continue;
      }
      int length = reader.load(in, row);
      DateFormat format = formats.format(formatVector, row);
      if (format.parse(reader.bytes(), 0, length, fields)) {
        target.setLong((long) row * 8, fields.micros());
        continue;
      }
      Validity.clear(validity, row);
      if (strict) {
        fail(
            row,
            "str_to_date("
                + Reasons.quote(reader.bytes(), 0, length)
                + ", '"
                + format.pattern().replace("'", "''")
                + "') failed");
      }
    }
    out.setValueCount(rows);
    return out;
  }
}
