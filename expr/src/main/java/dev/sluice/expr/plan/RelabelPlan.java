package dev.sluice.expr.plan;

import dev.sluice.expr.vector.RelabelKernel;
import dev.sluice.expr.vector.VectorExpression;
import dev.sluice.storage.schema.ColumnType;
import java.util.List;

/**
 * The same vector seen under another type of identical Arrow layout: a VARCHAR(26) column as
 * VARCHAR, a LARGEINT as DECIMAL(38,0). Costs nothing at run time: the kernel hands its input's
 * vector on.
 */
public final class RelabelPlan extends Plan {

  private final Plan input;

  public RelabelPlan(Plan input, ColumnType type) {
    super(type, input.sql());
    this.input = input;
  }

  public Plan input() {
    return input;
  }

  @Override
  public List<Plan> children() {
    return List.of(input);
  }

  @Override
  protected VectorExpression instantiate(
      Instantiation instantiation, List<VectorExpression> children) {
    return new RelabelKernel(children.get(0), type());
  }
}
