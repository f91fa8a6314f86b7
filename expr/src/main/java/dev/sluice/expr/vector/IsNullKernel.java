package dev.sluice.expr.vector;

import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/** IS NULL / IS NOT NULL: the input's validity bitmap, negated or not; never NULL itself. */
public final class IsNullKernel extends OwnedVectorExpression<BitVector> {

  private final boolean negated;

  public IsNullKernel(VectorExpression input, boolean negated, BufferAllocator allocator) {
    super(ColumnType.of(TypeKind.BOOLEAN), List.of(input), allocator);
    this.negated = negated;
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    FieldVector in = child(0).evaluate(context);
    int rows = context.rowCount();
    Vectors.prepare(out, rows);
    ArrowBuf source = in.getValidityBuffer();
    ArrowBuf target = out.getDataBuffer();
    for (int w = 0; w < Words.count(rows); w++) {
      long valid = Words.read(source, w);
      Words.write(target, w, negated ? valid : ~valid);
    }
    Validity.setAll(out.getValidityBuffer(), rows);
    out.setValueCount(rows);
    return out;
  }
}
