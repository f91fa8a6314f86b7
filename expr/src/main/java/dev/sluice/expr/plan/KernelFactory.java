package dev.sluice.expr.plan;

import dev.sluice.expr.vector.VectorExpression;
import java.util.List;

/** Creates the kernel of a {@link CallPlan} over its arguments' kernels. */
@FunctionalInterface
public interface KernelFactory {
  VectorExpression create(Instantiation instantiation, List<VectorExpression> arguments);
}
