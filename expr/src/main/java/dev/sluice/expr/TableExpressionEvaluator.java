package dev.sluice.expr;

import static java.util.Objects.requireNonNull;

import dev.sluice.expr.plan.Instantiation;
import dev.sluice.expr.vector.EvaluationContext;
import dev.sluice.expr.vector.Failures;
import dev.sluice.expr.vector.VectorExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Evaluates a {@link TableExpression} over table-shaped batches (the vectors of {@link
 * TransformResult#table()}), reusing its vectors from batch to batch. Not thread-safe.
 */
public final class TableExpressionEvaluator implements AutoCloseable {

  private final BufferAllocator allocator;
  private final Instantiation instantiation;
  private final EvaluationContext context;
  private final InputBinding inputs;
  private final VectorExpression kernel;
  private boolean closed;

  TableExpressionEvaluator(TableExpression expression, BufferAllocator parent) {
    TransformOptions options = expression.options();
    this.allocator = parent.newChildAllocator("sluice-table-expression", 0, Long.MAX_VALUE);
    this.instantiation = new Instantiation(allocator, options.strictMode(), options.timeZone());
    this.context = new EvaluationContext(options.clock(), options.timeZone());
    List<Boolean> needed = new ArrayList<>();
    for (String input : expression.inputs()) {
      needed.add(expression.columns().contains(input));
    }
    this.inputs = new InputBinding(expression.inputs(), needed);
    try {
      this.kernel = instantiation.kernel(expression.plan());
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * The expression's value for every row of {@code batch}, valid until the next call; a bare column
   * is the batch's own vector. Rows that failed (strict mode) are NULL and listed by {@link
   * #failure}.
   */
  public FieldVector evaluate(VectorSchemaRoot batch) {
    requireNonNull(batch, "batch is null");
    return evaluate(batch.getFieldVectors(), batch.getRowCount());
  }

  public FieldVector evaluate(List<? extends FieldVector> columns, int rowCount) {
    requireNonNull(columns, "columns is null");
    if (closed) {
      throw new IllegalStateException("the evaluator is closed");
    }
    context.startBatch(inputs.bind(columns, rowCount), rowCount);
    return kernel.evaluate(context);
  }

  /** Rows of the last batch whose value could not be computed. */
  public int failureCount() {
    return kernel.failures().count();
  }

  /** Why {@code row} of the last batch could not be computed, if it could not. */
  public Optional<String> failure(int row) {
    Failures failures = kernel.failures();
    return Optional.ofNullable(failures.reason(row));
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      instantiation.close();
    } finally {
      allocator.close();
    }
  }
}
