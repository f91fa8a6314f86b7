package dev.sluice.expr.vector;

import dev.sluice.storage.schema.ColumnType;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * Its input's vector under another type of the same Arrow layout (VARCHAR(26) as VARCHAR, LARGEINT
 * as DECIMAL(38,0)), so that parents see the type they compute in. No copy.
 */
public final class RelabelKernel extends VectorExpression {

  public RelabelKernel(VectorExpression input, ColumnType type) {
    super(type, List.of(input));
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    return child(0).evaluate(context);
  }
}
