package dev.sluice.expr.vector;

import dev.sluice.expr.scalar.ByteBuilder;
import dev.sluice.expr.scalar.DateFormat;
import dev.sluice.storage.schema.ColumnType;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * {@code date_format(datetime, format)}, and the formatting half of {@code from_unixtime}: DATETIME
 * values printed with a MySQL format into VARCHAR.
 */
public final class DateFormatKernel extends OwnedVectorExpression<VarCharVector> {

  private final FormatCache formats;
  private final VarCharWriter writer;
  private final ByteBuilder text = new ByteBuilder();

  /**
   * @param format the format's kernel (a VARCHAR)
   * @param constantFormat the compiled format when it is a constant, else null
   */
  public DateFormatKernel(
      ColumnType type,
      VectorExpression datetime,
      VectorExpression format,
      DateFormat constantFormat,
      BufferAllocator allocator) {
    super(type, List.of(datetime, format), allocator);
    this.formats = new FormatCache(constantFormat);
    this.writer = new VarCharWriter(out);
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    FieldVector in = child(0).evaluate(context);
    VarCharVector formatVector = (VarCharVector) child(1).evaluate(context);
    int rows = context.rowCount();
    ArrowBuf validity = in.getValidityBuffer();
    ArrowBuf formatValidity = formatVector.getValidityBuffer();
    ArrowBuf data = in.getDataBuffer();
    writer.start(rows);
    for (int row = 0; row < rows; row++) {
      if (!Validity.isSet(validity, row) || !Validity.isSet(formatValidity, row)) {
        writer.setNull(row);
        continue;
      }
      text.reset();
      formats.format(formatVector, row).print(data.getLong((long) row * 8), text);
      writer.set(row, text.bytes(), 0, text.length());
    }
    writer.finish(rows);
    return out;
  }
}
