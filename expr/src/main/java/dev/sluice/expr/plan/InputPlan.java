package dev.sluice.expr.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.expr.vector.ColumnInput;
import dev.sluice.expr.vector.VectorExpression;
import dev.sluice.storage.schema.ColumnType;
import java.util.List;

/** Input vector {@code index} of the batch, of the type it was decoded as. */
public final class InputPlan extends Plan {

  private final int index;
  private final String name;

  public InputPlan(int index, String name, ColumnType type, String sql) {
    super(type, sql);
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative: " + index);
    }
    this.index = index;
    this.name = requireNonNull(name, "name is null");
  }

  public int index() {
    return index;
  }

  public String name() {
    return name;
  }

  @Override
  public List<Plan> children() {
    return List.of();
  }

  @Override
  public boolean isConstant() {
    return false;
  }

  @Override
  protected VectorExpression instantiate(
      Instantiation instantiation, List<VectorExpression> children) {
    return new ColumnInput(type(), index, name);
  }
}
