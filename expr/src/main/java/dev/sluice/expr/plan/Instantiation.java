package dev.sluice.expr.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.expr.vector.HoistedKernel;
import dev.sluice.expr.vector.VectorExpression;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Turns plans into kernels for one evaluator: every plan object gets exactly one kernel (so shared
 * sub-plans share their kernel and its per-batch result), and constant sub-trees are wrapped to be
 * evaluated once instead of once per batch. Closing frees every kernel's vectors.
 */
public final class Instantiation implements AutoCloseable {

  private final BufferAllocator allocator;
  private final boolean strict;
  private final ZoneId zone;
  private final Map<Plan, VectorExpression> kernels = new IdentityHashMap<>();
  private final List<VectorExpression> created = new ArrayList<>();
  private final Map<VectorExpression, Boolean> registered = new IdentityHashMap<>();

  public Instantiation(BufferAllocator allocator, boolean strict, ZoneId zone) {
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.strict = strict;
    this.zone = requireNonNull(zone, "zone is null");
  }

  public BufferAllocator allocator() {
    return allocator;
  }

  public boolean strict() {
    return strict;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The kernel of {@code plan}, created on first request. */
  public VectorExpression kernel(Plan plan) {
    VectorExpression existing = kernels.get(plan);
    if (existing != null) {
      return existing;
    }
    List<VectorExpression> children = new ArrayList<>(plan.children().size());
    for (Plan child : plan.children()) {
      children.add(kernel(child));
    }
    VectorExpression kernel = plan.instantiate(this, children);
    if (plan instanceof CallPlan && plan.isConstant()) {
      register(kernel);
      kernel = new HoistedKernel(kernel);
    }
    register(kernel);
    kernels.put(plan, kernel);
    return kernel;
  }

  private void register(VectorExpression kernel) {
    if (registered.put(kernel, Boolean.TRUE) == null) {
      created.add(kernel);
    }
  }

  /** Every kernel created, for bookkeeping such as which vectors are owned. */
  public List<VectorExpression> kernels() {
    return List.copyOf(created);
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (VectorExpression kernel : created) {
      try {
        kernel.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    created.clear();
    registered.clear();
    kernels.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
