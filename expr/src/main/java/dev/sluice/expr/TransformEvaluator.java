package dev.sluice.expr;

import static java.util.Objects.requireNonNull;

import dev.sluice.expr.plan.Instantiation;
import dev.sluice.expr.plan.Plan;
import dev.sluice.expr.vector.EvaluationContext;
import dev.sluice.expr.vector.Failures;
import dev.sluice.expr.vector.Validity;
import dev.sluice.expr.vector.VectorExpression;
import dev.sluice.expr.vector.Vectors;
import dev.sluice.storage.schema.TableColumn;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Runs a {@link LoadTransform} over the batches of one task. Per batch: WHERE is evaluated over all
 * rows, then every column's expression, each a whole-batch vector operation; then each row is
 * classified as selected, error or unselected, 64 rows at a time from the validity and failure
 * bitmaps, and reasons are built for error rows only.
 *
 * <p>Rows dropped by WHERE are unselected even if a column would have failed on them (a filter is
 * often what keeps unconvertible records out); a row on which WHERE itself fails is an error. All
 * vectors come from a child of the given allocator and are reused: after the first batch (or the
 * largest one), evaluating allocates no Arrow memory. Not thread-safe.
 */
public final class TransformEvaluator implements AutoCloseable {

  private final LoadTransform transform;
  private final BufferAllocator allocator;
  private final Instantiation instantiation;
  private final EvaluationContext context;
  private final InputBinding inputs;
  private final VectorExpression where;
  private final VectorExpression[] columns;
  private final TableColumn[] tableColumns;
  private final boolean[] derived;
  private final String[] columnSql;
  private final FieldVector[] values;
  private final FieldVector[] outputs;
  private final TransferPair[] transfers;
  private final FieldVector[] transferSources;
  private final FieldVector[] rootVectors;
  private final Map<FieldVector, Boolean> owned = new IdentityHashMap<>();
  private final TransformResult result = new TransformResult();
  private boolean closed;

  TransformEvaluator(LoadTransform transform, BufferAllocator parent) {
    this.transform = transform;
    TransformOptions options = transform.options();
    this.allocator = parent.newChildAllocator("sluice-transform", 0, Long.MAX_VALUE);
    try {
      this.instantiation = new Instantiation(allocator, options.strictMode(), options.timeZone());
      this.context = new EvaluationContext(options.clock(), options.timeZone());
      List<String> names = new ArrayList<>();
      List<Boolean> needed = new ArrayList<>();
      for (SourceField field : transform.sourceFields()) {
        names.add(field.name());
        needed.add(field.needed());
      }
      this.inputs = new InputBinding(names, needed);
      this.where = transform.wherePlan().map(instantiation::kernel).orElse(null);
      int size = transform.table().size();
      this.columns = new VectorExpression[size];
      this.tableColumns = new TableColumn[size];
      this.derived = new boolean[size];
      this.columnSql = new String[size];
      for (int c = 0; c < size; c++) {
        Plan plan = transform.columnPlans().get(c);
        columns[c] = instantiation.kernel(plan);
        tableColumns[c] = transform.table().column(c);
        ColumnAssignment assignment = transform.columns().get(c);
        derived[c] = assignment.kind() == ColumnAssignment.Kind.EXPRESSION;
        columnSql[c] = assignment.expression().orElse(null);
      }
      for (VectorExpression kernel : instantiation.kernels()) {
        for (FieldVector vector : kernel.ownedVectors()) {
          owned.put(vector, Boolean.TRUE);
        }
      }
      this.values = new FieldVector[size];
      this.outputs = new FieldVector[size];
      this.transfers = new TransferPair[size];
      this.transferSources = new FieldVector[size];
      this.rootVectors = new FieldVector[size];
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  public LoadTransform transform() {
    return transform;
  }

  /**
   * Evaluates a batch of {@code rowCount} rows. {@code sources} are the decoded source fields,
   * found by name (exact, else ignoring case); each needed {@link SourceField} must be there with
   * the Arrow type of its {@link SourceField#type()} and at least {@code rowCount} values. Other
   * vectors are ignored. The result is valid until the next call.
   *
   * @throws IllegalArgumentException if a needed vector is missing or has the wrong type; bad
   *     values never throw, they make error rows
   */
  public TransformResult evaluate(List<? extends FieldVector> sources, int rowCount) {
    requireNonNull(sources, "sources is null");
    if (closed) {
      throw new IllegalStateException("the evaluator is closed");
    }
    if (rowCount < 0) {
      throw new IllegalArgumentException("rowCount must not be negative: " + rowCount);
    }
    context.startBatch(inputs.bind(sources, rowCount), rowCount);
    FieldVector condition = where == null ? null : where.evaluate(context);
    for (int c = 0; c < columns.length; c++) {
      values[c] = columns[c].evaluate(context);
    }
    result.start(tableRoot(rowCount), rowCount);
    classify(condition, rowCount);
    return result;
  }

  /** Evaluates the vectors of {@code batch}, {@code batch.getRowCount()} rows. */
  public TransformResult evaluate(VectorSchemaRoot batch) {
    requireNonNull(batch, "batch is null");
    return evaluate(batch.getFieldVectors(), batch.getRowCount());
  }

  /**
   * A new root per batch, given its row count: {@code VectorSchemaRoot.setRowCount} would set the
   * value count of the caller's vectors too, and they are not ours to change.
   */
  private VectorSchemaRoot tableRoot(int rowCount) {
    List<Field> fields = new ArrayList<>(columns.length);
    for (int c = 0; c < columns.length; c++) {
      rootVectors[c] = output(c, rowCount);
      fields.add(rootVectors[c].getField());
    }
    return new VectorSchemaRoot(fields, List.of(rootVectors), rowCount);
  }

  /**
   * The vector of column c under the column's name: an input vector that already has that name is
   * used as it is; a kernel's own vector is handed over by slicing its buffers (no copy); anything
   * else is copied.
   */
  private FieldVector output(int c, int rowCount) {
    FieldVector value = values[c];
    String name = tableColumns[c].name();
    boolean isOwned = owned.containsKey(value);
    if (!isOwned && value.getName().equals(name)) {
      return value;
    }
    if (outputs[c] == null) {
      outputs[c] =
          Vectors.create(tableColumns[c].type(), name, tableColumns[c].nullable(), allocator);
    }
    FieldVector target = outputs[c];
    if (isOwned && rowCount > 0) {
      if (transferSources[c] != value) {
        transfers[c] = value.makeTransferPair(target);
        transferSources[c] = value;
      }
      transfers[c].splitAndTransfer(0, rowCount);
    } else {
      Vectors.copy(value, target, rowCount);
    }
    return target;
  }

  private void classify(FieldVector condition, int rowCount) {
    Failures whereFailures = where == null ? null : where.failures();
    boolean whereFails = whereFailures != null && !whereFailures.isEmpty();
    boolean anyColumnFails = false;
    for (VectorExpression column : columns) {
      anyColumnFails |= !column.failures().isEmpty();
    }
    int words = (rowCount + 63) >> 6;
    for (int w = 0; w < words; w++) {
      long inBatch = w == words - 1 && (rowCount & 63) != 0 ? (1L << (rowCount & 63)) - 1 : -1L;
      long whereFailed = whereFails ? whereFailures.word(w) : 0L;
      long pass = inBatch & ~whereFailed;
      if (condition != null) {
        pass &=
            Validity.word(condition.getValidityBuffer(), w)
                & Validity.word(condition.getDataBuffer(), w);
      }
      long bad = 0;
      if (anyColumnFails) {
        for (VectorExpression column : columns) {
          bad |= column.failures().word(w);
        }
      }
      for (int c = 0; c < columns.length; c++) {
        if (!tableColumns[c].nullable()) {
          bad |= ~Validity.word(values[c].getValidityBuffer(), w);
        }
      }
      long errors = (whereFailed | (pass & bad)) & inBatch;
      long selected = pass & ~bad;
      result.unselected(Long.bitCount(inBatch & ~pass & ~whereFailed));
      long rows = selected | errors;
      while (rows != 0) {
        int row = (w << 6) + Long.numberOfTrailingZeros(rows);
        long bit = rows & -rows;
        rows &= rows - 1;
        if ((errors & bit) != 0) {
          result.error(row, reason(row, whereFailures));
        } else {
          result.select(row);
        }
      }
    }
  }

  private String reason(int row, Failures whereFailures) {
    if (whereFailures != null && whereFailures.isFailed(row)) {
      return "WHERE: " + whereFailures.reason(row);
    }
    for (int c = 0; c < columns.length; c++) {
      Failures failures = columns[c].failures();
      if (failures.isFailed(row)) {
        return "column '" + tableColumns[c].name() + "': " + failures.reason(row);
      }
    }
    for (int c = 0; c < columns.length; c++) {
      if (!tableColumns[c].nullable() && !Validity.isSet(values[c].getValidityBuffer(), row)) {
        return "column '"
            + tableColumns[c].name()
            + "' is NOT NULL but "
            + (derived[c] ? columnSql[c] + " is NULL" : "the value is NULL");
      }
    }
    throw new IllegalStateException("row " + row + " has no error");
  }

  /** Frees every vector of the evaluator; the caller's vectors are untouched. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException failure = null;
    try {
      if (outputs != null) {
        for (FieldVector output : outputs) {
          if (output != null) {
            output.close();
          }
        }
      }
      if (instantiation != null) {
        instantiation.close();
      }
    } catch (RuntimeException e) {
      failure = e;
    }
    try {
      allocator.close();
    } catch (RuntimeException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
