package dev.sluice.expr.vector;

import dev.sluice.storage.schema.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Searched CASE (also IF and NULLIF, which the analyzer rewrites to it): each row takes the value
 * of the first WHEN whose condition is TRUE, else the ELSE value, else NULL. All branches are
 * evaluated for the whole batch, but a row only fails when a condition it reached failed or the
 * value it took failed, as with row-at-a-time evaluation: {@code CASE WHEN s = '' THEN NULL ELSE
 * str_to_date(s, ...) END} does not fail on empty strings.
 */
public final class CaseKernel extends OwnedVectorExpression<FieldVector> {

  private final int whens;
  private final boolean hasElse;
  private final RowCopier copier;

  /**
   * @param conditions BOOLEAN kernels, one per WHEN
   * @param values the THEN kernels, of {@code type}
   * @param elseValue the ELSE kernel or null
   */
  public CaseKernel(
      ColumnType type,
      List<VectorExpression> conditions,
      List<VectorExpression> values,
      VectorExpression elseValue,
      BufferAllocator allocator) {
    super(type, children(conditions, values, elseValue), allocator);
    if (conditions.isEmpty() || conditions.size() != values.size()) {
      throw new IllegalArgumentException("CASE needs one value per condition");
    }
    this.whens = conditions.size();
    this.hasElse = elseValue != null;
    this.copier = new RowCopier(out);
  }

  private static List<VectorExpression> children(
      List<VectorExpression> conditions, List<VectorExpression> values, VectorExpression other) {
    List<VectorExpression> children = new ArrayList<>(conditions);
    children.addAll(values);
    if (other != null) {
      children.add(other);
    }
    return children;
  }

  @Override
  protected boolean propagatesChildFailures() {
    return false;
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    int children = childCount();
    FieldVector[] vectors = new FieldVector[children];
    for (int i = 0; i < children; i++) {
      vectors[i] = child(i).evaluate(context);
    }
    int rows = context.rowCount();
    copier.start(rows);
    rowLoop:
    for (int row = 0; row < rows; row++) {
      for (int w = 0; w < whens; w++) {
        Failures conditionFailures = child(w).failures();
        if (!conditionFailures.isEmpty() && conditionFailures.isFailed(row)) {
          fail(row, conditionFailures.reason(row));
          copier.setNull(row);
          continue rowLoop;
        }
        FieldVector condition = vectors[w];
        if (Validity.isSet(condition.getValidityBuffer(), row)
            && Validity.isSet(condition.getDataBuffer(), row)) {
          take(whens + w, vectors, row);
          continue rowLoop;
        }
      }
      if (hasElse) {
        take(2 * whens, vectors, row);
      } else {
        copier.setNull(row);
      }
    }
    copier.finish(rows);
    return out;
  }

  private void take(int index, FieldVector[] vectors, int row) {
    copier.copy(vectors[index], row);
    failures().addFrom(child(index).failures(), row);
  }
}
