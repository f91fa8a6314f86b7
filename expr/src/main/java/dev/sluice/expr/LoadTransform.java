package dev.sluice.expr;

import static java.util.Objects.requireNonNull;

import dev.sluice.expr.plan.Plan;
import dev.sluice.storage.schema.TableSchema;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A routine load's transformation, checked and compiled by {@link LoadAnalyzer}: how each table
 * column is filled (a source field as it is, an expression converted to the column's type, or NULL)
 * and which rows WHERE keeps. Immutable, holds no Arrow memory, safe to share between threads;
 * {@link #open} makes an evaluator with its own scratch vectors for one task.
 */
public final class LoadTransform {

  private final TableSchema table;
  private final TransformOptions options;
  private final List<SourceField> sourceFields;
  private final List<ColumnAssignment> columns;
  private final List<Plan> columnPlans;
  private final Plan where;
  private final Optional<String> whereSql;

  LoadTransform(
      TableSchema table,
      TransformOptions options,
      List<SourceField> sourceFields,
      List<ColumnAssignment> columns,
      List<Plan> columnPlans,
      Plan where,
      Optional<String> whereSql) {
    this.table = requireNonNull(table, "table is null");
    this.options = requireNonNull(options, "options is null");
    this.sourceFields = List.copyOf(requireNonNull(sourceFields, "sourceFields is null"));
    this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
    this.columnPlans = List.copyOf(requireNonNull(columnPlans, "columnPlans is null"));
    this.where = where;
    this.whereSql = requireNonNull(whereSql, "whereSql is null");
  }

  public TableSchema table() {
    return table;
  }

  public TransformOptions options() {
    return options;
  }

  /** The fields of a source record, in COLUMNS order, with what to decode them as. */
  public List<SourceField> sourceFields() {
    return sourceFields;
  }

  /** One assignment per table column, in table order. */
  public List<ColumnAssignment> columns() {
    return columns;
  }

  /** The WHERE condition as SQL text, if there is one. */
  public Optional<String> where() {
    return whereSql;
  }

  /**
   * True when the transformation only passes source fields through (no expression, no WHERE): the
   * worker may then skip the evaluator, though using it costs next to nothing.
   */
  public boolean isIdentity() {
    if (where != null) {
      return false;
    }
    for (ColumnAssignment column : columns) {
      if (column.kind() == ColumnAssignment.Kind.EXPRESSION) {
        return false;
      }
    }
    return true;
  }

  List<Plan> columnPlans() {
    return columnPlans;
  }

  Optional<Plan> wherePlan() {
    return Optional.ofNullable(where);
  }

  /**
   * An evaluator for one task: allocates its vectors from a child of {@code allocator}, reuses them
   * for every batch, and frees them all on close. Not thread-safe; one per task thread.
   */
  public TransformEvaluator open(BufferAllocator allocator) {
    return new TransformEvaluator(this, requireNonNull(allocator, "allocator is null"));
  }
}
