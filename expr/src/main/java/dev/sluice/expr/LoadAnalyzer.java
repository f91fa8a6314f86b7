package dev.sluice.expr;

import static java.util.Objects.requireNonNull;

import dev.sluice.expr.analysis.Conversions;
import dev.sluice.expr.analysis.ExpressionAnalyzer;
import dev.sluice.expr.analysis.Operators;
import dev.sluice.expr.analysis.Scope;
import dev.sluice.expr.analysis.Types;
import dev.sluice.expr.plan.ConstantPlan;
import dev.sluice.expr.plan.InputPlan;
import dev.sluice.expr.plan.Plan;
import dev.sluice.sql.ExpressionFormatter;
import dev.sluice.sql.SqlParser;
import dev.sluice.sql.tree.ColumnMapping;
import dev.sluice.sql.tree.ColumnRef;
import dev.sluice.sql.tree.Expression;
import dev.sluice.sql.tree.Position;
import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TableColumn;
import dev.sluice.storage.schema.TableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The analyzer: checks a routine load's COLUMNS list and WHERE against the table and compiles them
 * into a {@link LoadTransform}, or a single expression over the table's columns into a {@link
 * TableExpression} (partition expressions). The control plane calls it at CREATE and ALTER time to
 * report errors; the worker calls it once per task. Every problem is an {@link ExpressionException}
 * with a position; nothing else is thrown for bad input.
 *
 * <p>Name resolution, ignoring case as StarRocks does:
 *
 * <ul>
 *   <li>a COLUMNS expression reads the source fields (mapped and placeholder names) and the columns
 *       derived before it in the list;
 *   <li>WHERE reads derived columns (their values converted to the column type), then source
 *       fields, then the other table columns (NULL when nothing fills them);
 *   <li>a derived column must be a table column; a name may appear once in COLUMNS; every NOT NULL
 *       column must be mapped or derived.
 * </ul>
 */
public final class LoadAnalyzer {

  private LoadAnalyzer() {}

  /**
   * @param columns the COLUMNS list; empty means the source fields are the table's columns, in
   *     order
   * @param where the WHERE condition, if any
   */
  public static LoadTransform analyze(
      TableSchema table,
      List<ColumnMapping> columns,
      Optional<Expression> where,
      TransformOptions options) {
    requireNonNull(table, "table is null");
    requireNonNull(columns, "columns is null");
    requireNonNull(where, "where is null");
    requireNonNull(options, "options is null");
    return new Analysis(table, columns, options).run(where);
  }

  /**
   * The same from SQL text as SHOW ROUTINE LOAD shows it ({@code columnToColumnExpr}, {@code
   * whereExpr}); empty text means absent. Positions in errors are relative to these texts; syntax
   * errors are {@link dev.sluice.sql.SqlParseException}s.
   */
  public static LoadTransform analyze(
      TableSchema table, String columns, String where, TransformOptions options) {
    requireNonNull(columns, "columns is null");
    requireNonNull(where, "where is null");
    List<ColumnMapping> mappings =
        columns.isBlank() ? List.of() : SqlParser.parseColumnMappings(columns);
    Optional<Expression> condition =
        where.isBlank() ? Optional.empty() : Optional.of(SqlParser.parseExpression(where));
    return analyze(table, mappings, condition, options);
  }

  /**
   * Compiles an expression over the table's columns, such as a partition expression ({@code
   * date_trunc('day', event_time)}, {@code `dt`}). Its type is what it computes; a bare column
   * keeps the column's type and is evaluated without a copy.
   */
  public static TableExpression analyzeTableExpression(
      TableSchema table, Expression expression, TransformOptions options) {
    requireNonNull(table, "table is null");
    requireNonNull(expression, "expression is null");
    requireNonNull(options, "options is null");
    Scope scope = new Scope();
    List<String> inputs = new ArrayList<>();
    for (TableColumn column : table.columns()) {
      scope.add(column.name(), input(inputs.size(), column.name(), column));
      inputs.add(column.name());
    }
    Plan plan = new ExpressionAnalyzer(scope).analyze(expression);
    return new TableExpression(
        table, ExpressionFormatter.format(expression), plan, inputs, scope.used(), options);
  }

  public static TableExpression analyzeTableExpression(
      TableSchema table, String expression, TransformOptions options) {
    requireNonNull(expression, "expression is null");
    return analyzeTableExpression(table, SqlParser.parseExpression(expression), options);
  }

  private static InputPlan input(int index, String name, TableColumn column) {
    return new InputPlan(
        index,
        name,
        column.type(),
        ExpressionFormatter.format(ColumnRef.of(name, new Position(1, 0))));
  }

  /** One analysis; holds what is built up along the way. */
  private static final class Analysis {
    private final TableSchema table;
    private final List<ColumnMapping> columns;
    private final TransformOptions options;
    private final List<SourceField> sources = new ArrayList<>();
    private final List<InputPlan> inputs = new ArrayList<>();
    // Folded table column name -> the source field index that feeds it.
    private final Map<String, Integer> mapped = new HashMap<>();
    // Folded table column name -> plan of the derived value, already in the column's type.
    private final Map<String, Plan> derived = new LinkedHashMap<>();
    private final Map<String, String> derivedSql = new HashMap<>();
    private final Set<String> used = new HashSet<>();

    Analysis(TableSchema table, List<ColumnMapping> columns, TransformOptions options) {
      this.table = table;
      this.columns = columns;
      this.options = options;
    }

    LoadTransform run(Optional<Expression> where) {
      collectSources();
      for (ColumnMapping mapping : columns) {
        if (mapping.isDerived()) {
          derive(mapping);
        }
      }
      List<ColumnAssignment> assignments = new ArrayList<>();
      List<Plan> plans = new ArrayList<>();
      for (TableColumn column : table.columns()) {
        String key = fold(column.name());
        if (derived.containsKey(key)) {
          plans.add(derived.get(key));
          assignments.add(
              new ColumnAssignment(
                  column,
                  ColumnAssignment.Kind.EXPRESSION,
                  Optional.empty(),
                  Optional.of(derivedSql.get(key))));
        } else if (mapped.containsKey(key)) {
          int index = mapped.get(key);
          plans.add(inputs.get(index));
          assignments.add(
              new ColumnAssignment(
                  column,
                  ColumnAssignment.Kind.SOURCE,
                  Optional.of(sources.get(index).name()),
                  Optional.empty()));
        } else {
          if (!column.nullable()) {
            throw new ExpressionException(
                "column '"
                    + column.name()
                    + "' is NOT NULL but COLUMNS gives it no value (map a source field to it or"
                    + " derive it)",
                columns.isEmpty() ? new Position(1, 0) : columns.get(0).position());
          }
          plans.add(ConstantPlan.nullOf(column.type(), "NULL"));
          assignments.add(
              new ColumnAssignment(
                  column, ColumnAssignment.Kind.NULL, Optional.empty(), Optional.empty()));
        }
      }
      Plan wherePlan = null;
      if (where.isPresent()) {
        wherePlan = analyzeWhere(where.get(), plans);
      }
      List<SourceField> fields = new ArrayList<>();
      for (SourceField source : sources) {
        boolean needed = !source.isPlaceholder() || used.contains(fold(source.name()));
        fields.add(
            new SourceField(
                source.name(), source.type(), source.nullable(), source.tableColumn(), needed));
      }
      return new LoadTransform(
          table,
          options,
          fields,
          assignments,
          plans,
          wherePlan,
          where.map(ExpressionFormatter::format));
    }

    private void collectSources() {
      if (columns.isEmpty()) {
        for (TableColumn column : table.columns()) {
          addSource(column.name(), Optional.of(column));
        }
        return;
      }
      Map<String, ColumnMapping> seen = new HashMap<>();
      for (ColumnMapping mapping : columns) {
        ColumnMapping previous = seen.putIfAbsent(fold(mapping.name()), mapping);
        if (previous != null) {
          throw new ExpressionException(
              "column '"
                  + mapping.name()
                  + "' appears twice in COLUMNS (first at "
                  + previous.position()
                  + ")",
              mapping.position());
        }
        if (!mapping.isDerived()) {
          addSource(mapping.name(), table.column(mapping.name()));
        }
      }
    }

    private void addSource(String name, Optional<TableColumn> column) {
      int index = sources.size();
      SourceField field =
          column
              .map(c -> new SourceField(name, c.type(), c.nullable(), Optional.of(c.name()), true))
              .orElseGet(
                  () -> new SourceField(name, ColumnType.string(), true, Optional.empty(), false));
      sources.add(field);
      inputs.add(
          new InputPlan(
              index,
              name,
              field.type(),
              ExpressionFormatter.format(ColumnRef.of(name, new Position(1, 0)))));
      column.ifPresent(c -> mapped.put(fold(c.name()), index));
    }

    private void derive(ColumnMapping mapping) {
      Expression expression = mapping.expression().orElseThrow();
      TableColumn column =
          table
              .column(mapping.name())
              .orElseThrow(
                  () ->
                      new ExpressionException(
                          "derived column '"
                              + mapping.name()
                              + "' is not a column of the table (columns: "
                              + table.columns().stream()
                                  .map(TableColumn::name)
                                  .collect(Collectors.joining(", "))
                              + ")",
                          mapping.position()));
      Scope scope = new Scope();
      for (int i = 0; i < sources.size(); i++) {
        scope.add(sources.get(i).name(), inputs.get(i));
      }
      for (TableColumn other : table.columns()) {
        Plan plan = derived.get(fold(other.name()));
        if (plan != null) {
          scope.add(other.name(), plan);
        }
      }
      for (ColumnMapping other : columns) {
        if (other.isDerived()) {
          scope.addUnusable(
              other.name(),
              "column '"
                  + other.name()
                  + "' is derived "
                  + (other == mapping ? "by this expression" : "later in COLUMNS")
                  + "; an expression can only read source fields and columns derived before it");
        }
      }
      Plan plan = new ExpressionAnalyzer(scope).analyze(expression);
      remember(scope);
      if (!Conversions.canConvert(plan.type(), column.type())) {
        throw new ExpressionException(
            "column '"
                + column.name()
                + "' of type "
                + column.type()
                + " cannot take a "
                + Types.describe(plan.type())
                + " value",
            expression.position());
      }
      derived.put(
          fold(column.name()), Conversions.convert(plan, column.type(), expression.position()));
      derivedSql.put(fold(column.name()), ExpressionFormatter.format(expression));
    }

    private Plan analyzeWhere(Expression where, List<Plan> columnPlans) {
      Scope scope = new Scope();
      for (TableColumn column : table.columns()) {
        Plan plan = derived.get(fold(column.name()));
        if (plan != null) {
          scope.add(column.name(), plan);
        }
      }
      for (int i = 0; i < sources.size(); i++) {
        scope.add(sources.get(i).name(), inputs.get(i));
      }
      for (int i = 0; i < table.size(); i++) {
        scope.add(table.column(i).name(), columnPlans.get(i));
      }
      Plan plan = new ExpressionAnalyzer(scope).analyze(where);
      remember(scope);
      return Operators.requireBoolean(plan, where.position(), "WHERE");
    }

    private void remember(Scope scope) {
      for (String name : scope.used()) {
        used.add(fold(name));
      }
    }

    private static String fold(String name) {
      return name.toLowerCase(Locale.ROOT);
    }
  }
}
