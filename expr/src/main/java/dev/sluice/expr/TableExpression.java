package dev.sluice.expr;

import static java.util.Objects.requireNonNull;

import dev.sluice.expr.plan.Plan;
import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TableSchema;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;

/**
 * An expression over a table's columns, compiled by {@link LoadAnalyzer#analyzeTableExpression}:
 * how the worker computes a partition value per row from the table-shaped batch ({@code PARTITION
 * BY date_trunc('day', event_time)}, or a bare column). Immutable and shareable; {@link #open}
 * makes an evaluator for one task.
 */
public final class TableExpression {

  private final TableSchema table;
  private final String sql;
  private final Plan plan;
  private final List<String> inputs;
  private final Set<String> columns;
  private final TransformOptions options;

  TableExpression(
      TableSchema table,
      String sql,
      Plan plan,
      List<String> inputs,
      Set<String> columns,
      TransformOptions options) {
    this.table = requireNonNull(table, "table is null");
    this.sql = requireNonNull(sql, "sql is null");
    this.plan = requireNonNull(plan, "plan is null");
    this.inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
    this.columns = Set.copyOf(requireNonNull(columns, "columns is null"));
    this.options = requireNonNull(options, "options is null");
  }

  public TableSchema table() {
    return table;
  }

  /** The expression as SQL text. */
  public String sql() {
    return sql;
  }

  /**
   * The result type: a bare column keeps its column type; anything else has a computation type
   * (BOOLEAN, BIGINT, DOUBLE, DECIMAL(p,s), DATE, DATETIME, or VARCHAR(1048576) for strings), whose
   * Arrow type is {@code ArrowTypes.of(type())}.
   */
  public ColumnType type() {
    return plan.type();
  }

  /** The table columns the expression reads, as the table spells them. */
  public Set<String> columns() {
    return columns;
  }

  Plan plan() {
    return plan;
  }

  List<String> inputs() {
    return inputs;
  }

  TransformOptions options() {
    return options;
  }

  public TableExpressionEvaluator open(BufferAllocator allocator) {
    return new TableExpressionEvaluator(this, requireNonNull(allocator, "allocator is null"));
  }
}
