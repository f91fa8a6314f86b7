package dev.sluice.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TableColumn;
import dev.sluice.storage.schema.TableSchema;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;

/** Scratch vectors are allocated once and reused; close frees everything. */
class MemoryTest {

  private static final int ROWS = 4096;

  private static final TableSchema TABLE =
      TableSchema.of(
          TableColumn.of("id", "BIGINT", false),
          TableColumn.of("day", "DATE", true),
          TableColumn.of("label", "VARCHAR(64)", true),
          TableColumn.of("amount", "DECIMAL(12,2)", true),
          TableColumn.of("bucket", "INT", true),
          TableColumn.of("ratio", "DOUBLE", true));

  private static final String COLUMNS =
      "id, ts, name, raw,"
          + " day = from_unixtime(ts, '%Y%m%d'),"
          + " label = concat(upper(substr(name, 1, 3)), '-', id % 7),"
          + " amount = raw * 1.5,"
          + " bucket = case when id % 3 = 0 then 0 when name like 'n%5' then 1 else 2 end,"
          + " ratio = if(ts > 1600000000, id / 3, null)";

  private static final String WHERE =
      "id % 10 <> 9 and name is not null and amount between 0 and 1e9";

  private static void fill(
      BigIntVector id, VarCharVector ts, VarCharVector name, VarCharVector raw, int batch) {
    for (int row = 0; row < ROWS; row++) {
      long n = (long) batch * ROWS + row;
      id.set(row, n);
      ts.setSafe(row, Long.toString(1_500_000_000L + n * 97).getBytes(StandardCharsets.UTF_8));
      name.setSafe(row, ("name" + (n % 1000)).getBytes(StandardCharsets.UTF_8));
      raw.setSafe(
          row, (n % 50 == 7 ? "bad" : Long.toString(n % 10_000)).getBytes(StandardCharsets.UTF_8));
    }
    for (FieldVector vector : List.of(id, ts, name, raw)) {
      vector.setValueCount(ROWS);
    }
  }

  @Test
  void hundredBatchesReuseTheScratchVectors() {
    LoadTransform transform =
        LoadAnalyzer.analyze(
            TABLE, COLUMNS, WHERE, TransformOptions.of(ZoneId.of("Asia/Shanghai"), true));
    try (RootAllocator root = new RootAllocator();
        BufferAllocator sources = root.newChildAllocator("sources", 0, Long.MAX_VALUE);
        BufferAllocator engine = root.newChildAllocator("engine", 0, Long.MAX_VALUE);
        BigIntVector id = new BigIntVector("id", sources);
        VarCharVector ts = new VarCharVector("ts", sources);
        VarCharVector name = new VarCharVector("name", sources);
        VarCharVector raw = new VarCharVector("raw", sources)) {
      id.allocateNew(ROWS);
      ts.allocateNew(ROWS * 16L, ROWS);
      name.allocateNew(ROWS * 16L, ROWS);
      raw.allocateNew(ROWS * 16L, ROWS);
      List<FieldVector> batch = List.of(id, ts, name, raw);
      long afterFirst = -1;
      long selected = 0;
      long errors = 0;
      long unselected = 0;
      try (TransformEvaluator evaluator = transform.open(engine)) {
        for (int b = 0; b < 100; b++) {
          fill(id, ts, name, raw, b);
          TransformResult result = evaluator.evaluate(batch, ROWS);
          selected += result.selectedCount();
          errors += result.errorCount();
          unselected += result.unselectedCount();
          if (b == 0) {
            afterFirst = engine.getAllocatedMemory();
            assertThat(afterFirst).isPositive();
          } else {
            assertThat(engine.getAllocatedMemory()).as("batch %d", b).isEqualTo(afterFirst);
          }
        }
      }
      assertThat(selected + errors + unselected).isEqualTo(100L * ROWS);
      // Every tenth id is filtered; every fiftieth raw value is not a number (strict: an error).
      assertThat(unselected).isEqualTo(100L * ROWS / 10);
      assertThat(errors).isPositive();
      assertThat(engine.getAllocatedMemory()).isZero();
    }
  }

  @Test
  void closeReleasesEverythingAfterALargerBatch() {
    LoadTransform transform =
        LoadAnalyzer.analyze(TABLE, COLUMNS, WHERE, TransformOptions.of(ZoneId.of("UTC"), false));
    try (RootAllocator root = new RootAllocator()) {
      try (BigIntVector id = new BigIntVector("id", root);
          VarCharVector ts = new VarCharVector("ts", root);
          VarCharVector name = new VarCharVector("name", root);
          VarCharVector raw = new VarCharVector("raw", root);
          TransformEvaluator evaluator = transform.open(root)) {
        id.allocateNew(ROWS);
        ts.allocateNew(ROWS * 16L, ROWS);
        name.allocateNew(ROWS * 16L, ROWS);
        raw.allocateNew(ROWS * 16L, ROWS);
        fill(id, ts, name, raw, 0);
        evaluator.evaluate(List.of(id, ts, name, raw), 10);
        evaluator.evaluate(List.of(id, ts, name, raw), ROWS);
        TransformResult small = evaluator.evaluate(List.of(id, ts, name, raw), 5);
        assertThat(small.table().getRowCount()).isEqualTo(5);
      }
      assertThat(root.getAllocatedMemory()).isZero();
    }
  }

  @Test
  void constantColumnsAndCopiesAreFreedToo() {
    TableSchema table =
        TableSchema.of(
            TableColumn.of("A", "VARCHAR(10)", true),
            TableColumn.of("b", "VARCHAR(10)", true),
            TableColumn.of("c", "INT", true));
    LoadTransform transform =
        LoadAnalyzer.analyze(
            table, "a, b = 'x', c = 1", "", TransformOptions.of(ZoneId.of("UTC"), true));
    try (RootAllocator root = new RootAllocator()) {
      FieldVector a = TestVectors.vector(root, "a", ColumnType.varchar(10), List.of("p", "q"));
      try (TransformEvaluator evaluator = transform.open(root)) {
        for (int i = 0; i < 3; i++) {
          TransformResult result = evaluator.evaluate(List.of(a), 2);
          assertThat(TestVectors.values(result.table().getVector("A"), 2))
              .containsExactly("p", "q");
          assertThat(TestVectors.values(result.table().getVector("b"), 2))
              .containsExactly("x", "x");
          assertThat(TestVectors.values(result.table().getVector("c"), 2)).containsExactly(1L, 1L);
        }
      } finally {
        a.close();
      }
      assertThat(root.getAllocatedMemory()).isZero();
    }
  }
}
