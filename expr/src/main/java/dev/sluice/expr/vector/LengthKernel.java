package dev.sluice.expr.vector;

import dev.sluice.expr.scalar.Utf8;
import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * {@code length} (bytes, from the offsets alone) and {@code char_length} (UTF-8 characters, by
 * counting lead bytes).
 */
public final class LengthKernel extends OwnedVectorExpression<FieldVector> {

  private final boolean characters;
  private final VarCharReader reader = new VarCharReader();

  public LengthKernel(boolean characters, VectorExpression input, BufferAllocator allocator) {
    super(ColumnType.of(TypeKind.BIGINT), List.of(input), allocator);
    this.characters = characters;
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    VarCharVector in = (VarCharVector) child(0).evaluate(context);
    int rows = context.rowCount();
    Vectors.prepare(out, rows);
    Validity.copy(in.getValidityBuffer(), out.getValidityBuffer(), rows);
    ArrowBuf offsets = in.getOffsetBuffer();
    ArrowBuf target = out.getDataBuffer();
    for (int row = 0; row < rows; row++) {
      long length = offsets.getInt((long) (row + 1) * 4) - offsets.getInt((long) row * 4);
      if (characters && length > 0) {
        int bytes = reader.load(in, row);
        length = Utf8.length(reader.bytes(), 0, bytes);
      }
      target.setLong((long) row * 8, length);
    }
    out.setValueCount(rows);
    return out;
  }
}
