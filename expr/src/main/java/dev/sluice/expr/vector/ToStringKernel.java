package dev.sluice.expr.vector;

import dev.sluice.expr.scalar.ByteBuilder;
import dev.sluice.expr.scalar.DateTimeText;
import dev.sluice.expr.scalar.Numbers;
import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.math.BigDecimal;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Any value as text, as StarRocks casts to VARCHAR: BOOLEAN as {@code 1} / {@code 0}, numbers in
 * plain decimal (doubles shortest-exact, exponent for huge or tiny ones), decimals with all their
 * scale digits, {@code yyyy-MM-dd} and {@code yyyy-MM-dd HH:mm:ss[.ffffff]}. Never fails.
 */
public final class ToStringKernel extends OwnedVectorExpression<VarCharVector> {

  private final TypeKind from;
  private final int scale;
  private final VarCharWriter writer;
  private final ByteBuilder text = new ByteBuilder();

  public ToStringKernel(VectorExpression input, ColumnType target, BufferAllocator allocator) {
    super(target, List.of(input), allocator);
    this.from = input.type().kind();
    this.scale = input.type().scale();
    this.writer = new VarCharWriter(out);
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    FieldVector in = child(0).evaluate(context);
    int rows = context.rowCount();
    ArrowBuf validity = in.getValidityBuffer();
    ArrowBuf data = in.getDataBuffer();
    writer.start(rows);
    for (int row = 0; row < rows; row++) {
      if (!Validity.isSet(validity, row)) {
        writer.setNull(row);
        continue;
      }
      text.reset();
      switch (from) {
        case BOOLEAN -> text.append(Validity.isSet(data, row) ? '1' : '0');
        case BIGINT -> text.appendLong(data.getLong((long) row * 8));
        case DOUBLE -> Numbers.appendDouble(data.getDouble((long) row * 8), text);
        case DECIMAL -> {
          long low = DecimalBuffers.low(data, row);
          long high = DecimalBuffers.high(data, row);
          if (DecimalBuffers.fitsLong(low, high)) {
            Numbers.appendDecimal(low, scale, text);
          } else {
            text.append(new BigDecimal(DecimalBuffers.big(low, high), scale).toPlainString());
          }
        }
        case DATE -> DateTimeText.appendDate(text, data.getInt((long) row * 4));
        case DATETIME -> DateTimeText.appendDateTime(text, data.getLong((long) row * 8));
        default -> throw new IllegalStateException("cannot print " + from);
      }
      writer.set(row, text.bytes(), 0, text.length());
    }
    writer.finish(rows);
    return out;
  }
}
