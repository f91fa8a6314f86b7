package dev.sluice.expr.vector;

import dev.sluice.storage.schema.ColumnType;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * COALESCE (and IFNULL): each row takes its first non-NULL argument. An argument that failed on a
 * row fails the row if it is reached, since its value would have been looked at.
 */
public final class CoalesceKernel extends OwnedVectorExpression<FieldVector> {

  private final RowCopier copier;

  public CoalesceKernel(
      ColumnType type, List<VectorExpression> arguments, BufferAllocator allocator) {
    super(type, arguments, allocator);
    this.copier = new RowCopier(out);
  }

  @Override
  protected boolean propagatesChildFailures() {
    return false;
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    int count = childCount();
    FieldVector[] vectors = new FieldVector[count];
    for (int i = 0; i < count; i++) {
      vectors[i] = child(i).evaluate(context);
    }
    int rows = context.rowCount();
    copier.start(rows);
    rowLoop:
    for (int row = 0; row < rows; row++) {
      for (int i = 0; i < count; i++) {
        Failures argumentFailures = child(i).failures();
        if (!argumentFailures.isEmpty() && argumentFailures.isFailed(row)) {
          fail(row, argumentFailures.reason(row));
          copier.setNull(row);
          continue rowLoop;
        }
        if (Validity.isSet(vectors[i].getValidityBuffer(), row)) {
          copier.copy(vectors[i], row);
          continue rowLoop;
        }
      }
      copier.setNull(row);
    }
    copier.finish(rows);
    return out;
  }
}
