package dev.sluice.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.storage.schema.TableColumn;
import dev.sluice.storage.schema.TableSchema;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** Expressions over table columns, as PARTITION BY uses them. */
class PartitionExpressionTest {

  private static final TableSchema TABLE =
      TableSchema.of(
          TableColumn.of("event_time", "DATETIME", true),
          TableColumn.of("dt", "DATE", true),
          TableColumn.of("city", "VARCHAR(20)", true));

  private static final TransformOptions OPTIONS = TransformOptions.of(ZoneId.of("UTC"), true);

  private static List<FieldVector> batch(BufferAllocator allocator) {
    return List.of(
        TestVectors.vector(
            allocator,
            "event_time",
            TABLE.column(0).type(),
            Arrays.asList(LocalDateTime.of(2024, 5, 1, 23, 59, 59), null)),
        TestVectors.vector(
            allocator, "dt", TABLE.column(1).type(), Arrays.asList(LocalDate.of(2024, 5, 1), null)),
        TestVectors.vector(
            allocator, "city", TABLE.column(2).type(), Arrays.asList("Oslo", "Lima")));
  }

  @Test
  void dateTruncOfADatetimeColumn() {
    TableExpression expression =
        LoadAnalyzer.analyzeTableExpression(TABLE, "date_trunc('day', event_time)", OPTIONS);
    assertThat(expression.type().toString()).isEqualTo("DATETIME");
    assertThat(expression.columns()).containsExactly("event_time");
    try (BufferAllocator allocator = new RootAllocator()) {
      List<FieldVector> vectors = batch(allocator);
      try (TableExpressionEvaluator evaluator = expression.open(allocator);
          VectorSchemaRoot root = new VectorSchemaRoot(vectors)) {
        for (int i = 0; i < 3; i++) {
          FieldVector value = evaluator.evaluate(root);
          assertThat(TestVectors.values(value, 2))
              .containsExactly(LocalDateTime.of(2024, 5, 1, 0, 0), null);
          assertThat(evaluator.failureCount()).isZero();
        }
      }
    }
  }

  @Test
  void aBareColumnIsTheColumnItself() {
    TableExpression expression = LoadAnalyzer.analyzeTableExpression(TABLE, "`dt`", OPTIONS);
    assertThat(expression.type().toString()).isEqualTo("DATE");
    try (BufferAllocator allocator = new RootAllocator()) {
      List<FieldVector> vectors = batch(allocator);
      try (TableExpressionEvaluator evaluator = expression.open(allocator);
          VectorSchemaRoot root = new VectorSchemaRoot(vectors)) {
        assertThat(evaluator.evaluate(root)).isSameAs(vectors.get(1));
      }
    }
  }

  @Test
  void failuresAreReportedPerRow() {
    TableExpression expression =
        LoadAnalyzer.analyzeTableExpression(TABLE, "cast(city as bigint)", OPTIONS);
    try (BufferAllocator allocator = new RootAllocator()) {
      List<FieldVector> vectors = batch(allocator);
      try (TableExpressionEvaluator evaluator = expression.open(allocator);
          VectorSchemaRoot root = new VectorSchemaRoot(vectors)) {
        evaluator.evaluate(root);
        assertThat(evaluator.failureCount()).isEqualTo(2);
        assertThat(evaluator.failure(0)).contains("cannot convert 'Oslo' to BIGINT");
      }
    }
  }

  @Test
  void unknownColumnsAreReported() {
    assertThatThrownBy(
            () ->
                LoadAnalyzer.analyzeTableExpression(TABLE, "date_trunc('day', event_tim)", OPTIONS))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("line 1:18: unknown column 'event_tim' (known: event_time, dt, city)");
  }
}
