package dev.sluice.expr.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.expr.vector.VectorExpression;
import dev.sluice.storage.schema.ColumnType;
import java.util.List;

/**
 * An operator or function applied to typed arguments; the factory (a kernel constructor with the
 * settings the analyzer chose, e.g. a compiled date format) makes its kernel.
 */
public final class CallPlan extends Plan {

  private final List<Plan> arguments;
  private final KernelFactory factory;
  private final boolean deterministic;

  public CallPlan(ColumnType type, String sql, List<Plan> arguments, KernelFactory factory) {
    this(type, sql, arguments, factory, true);
  }

  /**
   * @param deterministic false for functions such as now() whose value changes between batches
   */
  public CallPlan(
      ColumnType type,
      String sql,
      List<Plan> arguments,
      KernelFactory factory,
      boolean deterministic) {
    super(type, sql);
    this.arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
    this.factory = requireNonNull(factory, "factory is null");
    this.deterministic = deterministic;
  }

  @Override
  public List<Plan> children() {
    return arguments;
  }

  @Override
  public boolean isConstant() {
    return deterministic && super.isConstant();
  }

  @Override
  protected VectorExpression instantiate(
      Instantiation instantiation, List<VectorExpression> children) {
    return factory.create(instantiation, children);
  }
}
