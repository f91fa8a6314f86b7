package dev.sluice.expr.vector;

import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/** NOT: TRUE and FALSE swap, NULL stays NULL. */
public final class NotKernel extends OwnedVectorExpression<BitVector> {

  public NotKernel(VectorExpression input, BufferAllocator allocator) {
    super(ColumnType.of(TypeKind.BOOLEAN), List.of(input), allocator);
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    FieldVector in = child(0).evaluate(context);
    int rows = context.rowCount();
    Vectors.prepare(out, rows);
    ArrowBuf source = in.getDataBuffer();
    ArrowBuf target = out.getDataBuffer();
    for (int w = 0; w < Words.count(rows); w++) {
      Words.write(target, w, ~Words.read(source, w));
    }
    Validity.copy(in.getValidityBuffer(), out.getValidityBuffer(), rows);
    out.setValueCount(rows);
    return out;
  }
}
