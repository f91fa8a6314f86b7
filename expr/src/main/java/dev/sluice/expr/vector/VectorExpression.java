package dev.sluice.expr.vector;

import static java.util.Objects.requireNonNull;

import dev.sluice.storage.schema.ColumnType;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * One node of a compiled expression: evaluates all rows of a batch at once into a vector of its
 * type. Kernels allocate their output vector once and overwrite it for every batch, so the memory
 * of an evaluator is flat after the first batch. The returned vector belongs to the kernel (or is
 * an input) and is valid until the next batch; parents read it and never modify it.
 *
 * <p>A kernel referenced by several parents (a shared sub-expression, the value of BETWEEN) is
 * computed once per batch. Failed rows of the children are added to this kernel's {@link
 * #failures()} unless a subclass decides per row which children count ({@link
 * #propagatesChildFailures()}).
 */
public abstract class VectorExpression implements AutoCloseable {

  private final ColumnType type;
  private final VectorExpression[] children;
  private final Failures failures = new Failures();
  private long evaluatedBatch = -1;
  private FieldVector result;

  protected VectorExpression(ColumnType type, List<VectorExpression> children) {
    this.type = requireNonNull(type, "type is null");
    this.children = requireNonNull(children, "children is null").toArray(new VectorExpression[0]);
  }

  public final ColumnType type() {
    return type;
  }

  public final List<VectorExpression> children() {
    return List.of(children);
  }

  protected final VectorExpression child(int index) {
    return children[index];
  }

  protected final int childCount() {
    return children.length;
  }

  /** The rows of the last evaluated batch that failed, with reasons. */
  public final Failures failures() {
    return failures;
  }

  /** Evaluates the batch of {@code context}; returns the cached result if already done. */
  public final FieldVector evaluate(EvaluationContext context) {
    if (evaluatedBatch == context.batchId()) {
      return result;
    }
    failures.reset();
    FieldVector vector = compute(context);
    if (propagatesChildFailures()) {
      for (VectorExpression child : children) {
        failures.addAll(child.failures);
      }
    }
    result = vector;
    evaluatedBatch = context.batchId();
    return vector;
  }

  /** Computes rows [0, context.rowCount()) and returns the vector holding them. */
  protected abstract FieldVector compute(EvaluationContext context);

  /**
   * True (the default) when any child's failed row fails this kernel's row too; false for kernels
   * that, like CASE, decide row by row which children matter and record failures themselves.
   */
  protected boolean propagatesChildFailures() {
    return true;
  }

  /** Records that {@code row} cannot be computed; the caller also makes the row NULL. */
  protected final void fail(int row, String reason) {
    failures.add(row, reason);
  }

  /** The vectors this kernel allocated (not its inputs), for the evaluator's bookkeeping. */
  public List<FieldVector> ownedVectors() {
    return List.of();
  }

  /** Frees the kernel's own vectors; children are closed by whoever owns the tree. */
  @Override
  public void close() {
    for (FieldVector vector : ownedVectors()) {
      vector.close();
    }
  }
}
