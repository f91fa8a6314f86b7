package dev.sluice.expr;

import dev.sluice.storage.schema.TableColumn;
import dev.sluice.storage.schema.TableSchema;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Evaluates single expressions over a table of typed test columns, through the same analyzer and
 * kernels as loads (as a table expression), and returns values or failures per row.
 */
final class ExpressionHarness {

  /** The test table: one column per type. */
  static final TableSchema TABLE =
      TableSchema.of(
          TableColumn.of("i", "BIGINT", true),
          TableColumn.of("j", "BIGINT", true),
          TableColumn.of("n", "INT", true),
          TableColumn.of("t", "TINYINT", true),
          TableColumn.of("d", "DOUBLE", true),
          TableColumn.of("f", "FLOAT", true),
          TableColumn.of("dec", "DECIMAL(10,2)", true),
          TableColumn.of("dec2", "DECIMAL(12,4)", true),
          TableColumn.of("big", "LARGEINT", true),
          TableColumn.of("s", "VARCHAR(200)", true),
          TableColumn.of("s2", "VARCHAR(200)", true),
          TableColumn.of("dt", "DATE", true),
          TableColumn.of("ts", "DATETIME", true),
          TableColumn.of("b", "BOOLEAN", true),
          TableColumn.of("b2", "BOOLEAN", true));

  static final Instant NOW = Instant.parse("2024-03-10T12:34:56.789Z");

  private final Map<String, List<?>> columns = new LinkedHashMap<>();
  private ZoneId zone = ZoneOffset.UTC;
  private boolean strict = true;

  static ExpressionHarness rows() {
    return new ExpressionHarness();
  }

  ExpressionHarness with(String column, Object... values) {
    columns.put(column, Arrays.asList(values));
    return this;
  }

  ExpressionHarness zone(String zoneId) {
    this.zone = ZoneId.of(zoneId);
    return this;
  }

  ExpressionHarness strict(boolean strict) {
    this.strict = strict;
    return this;
  }

  TransformOptions options() {
    return new TransformOptions(zone, strict, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** The result of {@code expression} for each row. */
  List<Object> eval(String expression) {
    return run(expression).values;
  }

  /** A single row's value. */
  Object evalOne(String expression) {
    List<Object> values = run(expression).values;
    return values.get(0);
  }

  Outcome run(String expression) {
    TableExpression compiled = LoadAnalyzer.analyzeTableExpression(TABLE, expression, options());
    int rows = columns.values().stream().mapToInt(List::size).max().orElse(1);
    try (BufferAllocator allocator = new RootAllocator()) {
      List<FieldVector> vectors = new ArrayList<>();
      try {
        for (TableColumn column : TABLE.columns()) {
          List<?> values = columns.get(column.name());
          if (values == null) {
            values = java.util.Collections.nCopies(rows, null);
          }
          vectors.add(TestVectors.vector(allocator, column.name(), column.type(), values));
        }
        try (TableExpressionEvaluator evaluator = compiled.open(allocator)) {
          FieldVector result = evaluator.evaluate(vectors, rows);
          Outcome outcome = new Outcome();
          outcome.type = compiled.type().toString();
          for (int row = 0; row < rows; row++) {
            outcome.values.add(TestVectors.value(result, row));
            outcome.failures.add(evaluator.failure(row).orElse(null));
          }
          return outcome;
        }
      } finally {
        vectors.forEach(FieldVector::close);
      }
    }
  }

  /** Values and failure reasons (null where none) per row. */
  static final class Outcome {
    String type;
    final List<Object> values = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
  }
}
