package dev.sluice.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TableSchema;
import java.time.Clock;
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
 * Runs a whole load transformation over one batch of source fields given as Java values, the way
 * the worker would, and collects the table-shaped result.
 */
final class LoadHarness {

  private final TableSchema table;
  private final String columns;
  private final String where;
  private final Map<String, Object[]> fields = new LinkedHashMap<>();
  private final Map<String, ColumnType> types = new LinkedHashMap<>();
  private boolean strict = true;

  private LoadHarness(TableSchema table, String columns, String where) {
    this.table = table;
    this.columns = columns;
    this.where = where;
  }

  static LoadHarness load(TableSchema table, String columns, String where) {
    return new LoadHarness(table, columns, where);
  }

  LoadHarness field(String name, String type, Object... values) {
    fields.put(name, values);
    types.put(name, ColumnType.parse(type));
    return this;
  }

  LoadHarness strict(boolean strict) {
    this.strict = strict;
    return this;
  }

  LoadTransform transform() {
    return LoadAnalyzer.analyze(
        table,
        columns,
        where,
        new TransformOptions(
            ZoneId.of("UTC"), strict, Clock.fixed(ExpressionHarness.NOW, ZoneOffset.UTC)));
  }

  Result run() {
    LoadTransform transform = transform();
    int rows = fields.values().stream().mapToInt(v -> v.length).max().orElse(0);
    Result result = new Result();
    try (BufferAllocator allocator = new RootAllocator()) {
      List<FieldVector> vectors = new ArrayList<>();
      try {
        for (Map.Entry<String, Object[]> field : fields.entrySet()) {
          vectors.add(
              TestVectors.vector(
                  allocator,
                  field.getKey(),
                  types.get(field.getKey()),
                  Arrays.asList(field.getValue())));
        }
        try (TransformEvaluator evaluator = transform.open(allocator)) {
          TransformResult batch = evaluator.evaluate(vectors, rows);
          assertThat(batch.selectedCount() + batch.errorCount() + batch.unselectedCount())
              .isEqualTo(rows);
          for (int i = 0; i < batch.selectedCount(); i++) {
            result.selected.add(batch.selectedRows()[i]);
          }
          for (int i = 0; i < batch.errorCount(); i++) {
            result.errors.put(batch.errorRow(i), batch.errorReason(i));
          }
          result.unselected = batch.unselectedCount();
          for (int c = 0; c < table.size(); c++) {
            String name = table.column(c).name();
            FieldVector vector = batch.table().getVector(name);
            result.columns.put(name, TestVectors.values(vector, rows));
            result.vectors.put(name, vector);
          }
          result.inputs = vectors;
        }
      } finally {
        vectors.forEach(FieldVector::close);
      }
      assertThat(allocator.getAllocatedMemory()).isZero();
    }
    return result;
  }

  /** What one batch gave. */
  static final class Result {
    final List<Integer> selected = new ArrayList<>();
    final Map<Integer, String> errors = new LinkedHashMap<>();
    int unselected;
    final Map<String, List<Object>> columns = new LinkedHashMap<>();
    // Identity only: the vectors are closed once the batch is done.
    final Map<String, FieldVector> vectors = new LinkedHashMap<>();
    List<FieldVector> inputs = List.of();

    List<Object> column(String name) {
      return columns.get(name);
    }
  }
}
