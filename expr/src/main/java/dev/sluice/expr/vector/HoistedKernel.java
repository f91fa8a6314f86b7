package dev.sluice.expr.vector;

import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * Evaluates a constant sub-expression (literals only, e.g. {@code concat('a', 'b')}) once, and
 * again only when a batch is larger than any before: constant folding at run time, without a
 * second, scalar implementation of every function.
 */
public final class HoistedKernel extends VectorExpression {

  private final VectorExpression constant;
  private int computedRows = -1;
  private FieldVector value;

  public HoistedKernel(VectorExpression constant) {
    super(constant.type(), List.of(constant));
    this.constant = constant;
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    int rows = context.rowCount();
    if (rows > computedRows) {
      value = constant.evaluate(context);
      computedRows = rows;
    }
    return value;
  }
}
