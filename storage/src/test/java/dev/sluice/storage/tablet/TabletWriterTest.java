package dev.sluice.storage.tablet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.storage.objectstore.LocalObjectStore;
import dev.sluice.storage.objectstore.ObjectUpload;
import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TableColumn;
import dev.sluice.storage.schema.TableSchema;
import dev.sluice.storage.schema.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TabletWriterTest {

  private static BufferAllocator allocator;

  @TempDir Path dir;
  private LocalObjectStore store;
  private DuckDb duckDb;

  @BeforeAll
  static void createAllocator() {
    allocator = new RootAllocator();
  }

  @AfterAll
  static void closeAllocator() {
    // Fails the run if a test leaked Arrow memory.
    allocator.close();
  }

  @BeforeEach
  void open() throws Exception {
    store = new LocalObjectStore(dir.resolve("store"));
    duckDb = new DuckDb();
  }

  @AfterEach
  void close() throws Exception {
    duckDb.close();
    store.close();
  }

  @ParameterizedTest
  @EnumSource(TabletCodec.class)
  void everyTypeValueAndNullRoundTripsThroughDuckDb(TabletCodec codec) throws Exception {
    String key = "t/" + codec + ".parquet";
    TabletFile tablet =
        write(
            key,
            TestTable.SCHEMA,
            TabletWriterOptions.defaults().withCodec(codec),
            writer -> {
              writeBatch(writer, 0, 3000);
              writeBatch(writer, 3000, 1500);
              writeBatch(writer, 4500, 1);
            });
    Path file = store.path(key);

    List<List<Object>> described = duckDb.describe(file);
    List<String> names = new ArrayList<>();
    List<String> types = new ArrayList<>();
    for (List<Object> column : described) {
      names.add((String) column.get(0));
      types.add((String) column.get(1));
    }
    assertThat(names)
        .containsExactlyElementsOf(
            TestTable.SCHEMA.columns().stream().map(TableColumn::name).toList());
    assertThat(types).containsExactlyElementsOf(TestTable.DUCKDB_TYPES);
    assertThat(duckDb.query("SELECT DISTINCT compression FROM parquet_metadata('" + file + "')"))
        .containsExactly(List.of(codec.name()));

    assertRows(file, expectedIds(0, 4501));
    assertThat(tablet.rowCount()).isEqualTo(4501);
    assertThat(tablet.sizeBytes()).isEqualTo(Files.size(file));
  }

  @Test
  void aRowSubsetIsWrittenInTheGivenOrder() throws Exception {
    String key = "t/subset.parquet";
    TabletFile tablet =
        write(
            key,
            TestTable.SCHEMA,
            TabletWriterOptions.defaults(),
            writer -> {
              try (VectorSchemaRoot batch = TestTable.batch(allocator, 0, 1000)) {
                // The last slot is past count and out of range: it must be ignored.
                int[] rows = {999, 0, 500, 500, 7, 3, 2, 1, 123_456};
                writer.write(batch, rows, 8);
                writer.write(batch, new int[] {42}, 0);
              }
              writeBatch(writer, 1000, 10);
            });

    List<Integer> ids = new ArrayList<>(List.of(999, 0, 500, 500, 7, 3, 2, 1));
    ids.addAll(expectedIds(1000, 10));
    assertRows(store.path(key), ids);
    assertThat(tablet.rowCount()).isEqualTo(18);
  }

  @Test
  void bigTabletsHaveSeveralRowGroups() throws Exception {
    String key = "t/groups.parquet";
    int batches = 10;
    int rowsPerBatch = 10_000;
    TabletFile tablet =
        write(
            key,
            TestTable.SCHEMA,
            TabletWriterOptions.defaults()
                .withCodec(TabletCodec.SNAPPY)
                .withRowGroupSize(256 * 1024),
            writer -> {
              for (int b = 0; b < batches; b++) {
                writeBatch(writer, b * rowsPerBatch, rowsPerBatch);
              }
            });
    Path file = store.path(key);
    String source = DuckDb.source(file);

    long groups =
        (Long)
            duckDb.single(
                "SELECT count(DISTINCT row_group_id) FROM parquet_metadata('" + file + "')");
    assertThat(groups).isGreaterThan(3).isEqualTo(tablet.rowGroupCount());
    assertThat(
            duckDb.single(
                "SELECT sum(num_rows) FROM (SELECT DISTINCT row_group_id, row_group_num_rows AS"
                    + " num_rows FROM parquet_metadata('"
                    + file
                    + "'))"))
        .isEqualTo(BigInteger.valueOf(100_000));
    assertThat(duckDb.query("SELECT count(*), sum(id) FROM " + source))
        .containsExactly(List.of(100_000L, BigInteger.valueOf(99_999L * 100_000 / 2)));
    assertRows(file, expectedIds(0, batches * rowsPerBatch));
  }

  @Test
  void statisticsMatchWhatDuckDbComputes() throws Exception {
    String key = "t/stats.parquet";
    TabletFile tablet =
        write(
            key,
            TestTable.SCHEMA,
            TabletWriterOptions.defaults().withRowGroupSize(64 * 1024),
            writer -> {
              writeBatch(writer, 0, 3000);
              writeBatch(writer, 3000, 3000);
            });
    Path file = store.path(key);
    String source = DuckDb.source(file);

    assertThat(tablet.rowCount()).isEqualTo(6000);
    assertThat(tablet.rowGroupCount()).isGreaterThan(1);
    assertThat(tablet.sizeBytes())
        .isEqualTo(Files.size(file))
        .isEqualTo(store.stat(key).orElseThrow().size());
    assertThat(tablet.columns())
        .extracting(ColumnStats::name)
        .containsExactlyElementsOf(
            TestTable.SCHEMA.columns().stream().map(TableColumn::name).toList());

    for (TableColumn column : TestTable.SCHEMA.columns()) {
      String name = column.name();
      ColumnStats stats = tablet.column(name);
      List<Object> expected =
          duckDb
              .query(
                  "SELECT count(*) - count("
                      + name
                      + "), min("
                      + name
                      + "), max("
                      + name
                      + "), CAST(min("
                      + name
                      + ") AS VARCHAR), CAST(max("
                      + name
                      + ") AS VARCHAR) FROM "
                      + source)
              .get(0);
      assertThat(stats.nullCount()).as(name + " nulls").isEqualTo(expected.get(0));
      if (expected.get(1) == null) {
        assertThat(stats.hasBounds()).as(name + " has no bounds").isFalse();
        assertThat(stats.nullCount()).isEqualTo(6000);
        continue;
      }
      assertSameValue(column.type(), stats.min().orElseThrow(), expected.get(1), name + " min");
      assertSameValue(column.type(), stats.max().orElseThrow(), expected.get(2), name + " max");
      if (column.type().kind() == TypeKind.FLOAT || column.type().kind() == TypeKind.DOUBLE) {
        assertThat(stats.minText()).contains(stats.min().orElseThrow().toString());
      } else {
        assertThat(stats.minText()).as(name + " min text").contains((String) expected.get(3));
        assertThat(stats.maxText()).as(name + " max text").contains((String) expected.get(4));
      }
    }
    assertThat(tablet.column("ts").maxText().orElseThrow())
        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
    assertThat(tablet.column("big").min()).containsInstanceOf(BigInteger.class);
    assertThat(tablet.column("dec_x").max().orElseThrow())
        .isEqualTo(new BigDecimal("5998000000000000.007"));
  }

  @Test
  void nanIsLeftOutOfMinAndMax() throws Exception {
    TableSchema schema =
        TableSchema.of(TableColumn.of("f", "FLOAT", true), TableColumn.of("d", "DOUBLE", false));
    TabletFile tablet =
        write(
            "t/nan.parquet",
            schema,
            TabletWriterOptions.defaults(),
            writer -> {
              try (VectorSchemaRoot batch =
                  VectorSchemaRoot.create(schema.arrowSchema(), allocator)) {
                Float4Vector f = (Float4Vector) batch.getVector("f");
                Float8Vector d = (Float8Vector) batch.getVector("d");
                f.setSafe(0, Float.NaN);
                f.setSafe(1, 1.5f);
                f.setNull(2);
                f.setSafe(3, -2.5f);
                for (int i = 0; i < 4; i++) {
                  d.setSafe(i, Double.NaN);
                }
                batch.setRowCount(4);
                writer.write(batch);
              }
            });

    assertThat(tablet.column("f").min()).contains(-2.5f);
    assertThat(tablet.column("f").max()).contains(1.5f);
    assertThat(tablet.column("f").nullCount()).isEqualTo(1);
    assertThat(tablet.column("d").hasBounds()).isFalse();
    assertThat(tablet.column("d").nullCount()).isZero();
    assertThat(
            duckDb.single(
                "SELECT count(*) FROM "
                    + DuckDb.source(store.path("t/nan.parquet"))
                    + " WHERE isnan(d)"))
        .isEqualTo(4L);
  }

  @Test
  void longStringsHaveShortBoundsInTheStatisticsAndInTheFooter() throws Exception {
    TableSchema schema = TableSchema.of(TableColumn.of("s", "STRING", true));
    String small = "a".repeat(65_000);
    String large = "m" + "\u00e9".repeat(30_000) + "z";
    String key = "t/long.parquet";
    TabletFile tablet =
        write(
            key,
            schema,
            TabletWriterOptions.defaults(),
            writer -> {
              try (VectorSchemaRoot batch =
                  VectorSchemaRoot.create(schema.arrowSchema(), allocator)) {
                VarCharVector s = (VarCharVector) batch.getVector("s");
                s.setSafe(0, large.getBytes(StandardCharsets.UTF_8));
                s.setSafe(1, small.getBytes(StandardCharsets.UTF_8));
                s.setNull(2);
                batch.setRowCount(3);
                writer.write(batch);
              }
            });

    ColumnStats stats = tablet.column("s");
    assertThat(stats.nullCount()).isEqualTo(1);
    assertThat(stats.min()).contains("a".repeat(16));
    assertThat(stats.minText()).contains("a".repeat(16));
    assertThat(stats.max()).contains("m" + "\u00e9".repeat(14) + "\u00ea");
    assertThat(stats.maxText()).contains("m" + "\u00e9".repeat(14) + "\u00ea");

    // Parquet's own footer keeps bounds too, truncated, rather than dropping them.
    Path file = store.path(key);
    List<Object> footer =
        duckDb
            .query(
                "SELECT stats_min_value, stats_max_value, stats_null_count FROM parquet_metadata('"
                    + file
                    + "')")
            .get(0);
    assertThat(footer.get(2)).isEqualTo(1L);
    assertThat(((String) footer.get(0)).getBytes(StandardCharsets.UTF_8))
        .hasSizeLessThanOrEqualTo(TabletWriter.PARQUET_STATISTICS_TRUNCATE_LENGTH);
    assertThat((String) footer.get(0)).isEqualTo("a".repeat(64));
    assertThat(((String) footer.get(1)).getBytes(StandardCharsets.UTF_8))
        .hasSizeLessThanOrEqualTo(TabletWriter.PARQUET_STATISTICS_TRUNCATE_LENGTH);
    assertThat((String) footer.get(1)).startsWith("m\u00e9").isGreaterThan(large.substring(0, 40));
    assertThat(Files.size(file)).isLessThan(100_000);
    assertThat(
            duckDb.single(
                "SELECT count(*) FROM " + DuckDb.source(file) + " WHERE s = '" + large + "'"))
        .isEqualTo(1L);
  }

  @Test
  void anEmptyTabletIsAValidFile() throws Exception {
    TabletFile tablet =
        write("t/empty.parquet", TestTable.SCHEMA, TabletWriterOptions.defaults(), writer -> {});
    Path file = store.path("t/empty.parquet");

    assertThat(tablet.rowCount()).isZero();
    assertThat(tablet.rowGroupCount()).isZero();
    assertThat(tablet.sizeBytes()).isEqualTo(Files.size(file));
    assertThat(tablet.columns()).allSatisfy(c -> assertThat(c.hasBounds()).isFalse());
    assertThat(duckDb.single("SELECT count(*) FROM " + DuckDb.source(file))).isEqualTo(0L);
    assertThat(duckDb.describe(file)).hasSize(TestTable.columnCount());
  }

  @Test
  void invalidBatchesAreRefusedBeforeAnythingIsWritten() throws Exception {
    String key = "t/invalid.parquet";
    TabletFile tablet =
        write(
            key,
            TestTable.SCHEMA,
            TabletWriterOptions.defaults(),
            writer -> {
              try (VectorSchemaRoot batch = TestTable.batch(allocator, 0, 10)) {
                ((VarCharVector) batch.getVector("s")).setNull(2);
                assertThatThrownBy(() -> writer.write(batch))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("column s is NOT NULL but row 2 is null");
                // The rows without the null are fine.
                writer.write(batch, new int[] {0, 1, 3}, 3);

                assertThatThrownBy(() -> writer.write(batch, new int[] {0, 10}, 2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("rowIndexes[1] = 10 is outside the batch of 10 rows");
                assertThatThrownBy(() -> writer.write(batch, new int[] {0, -1}, 2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("rowIndexes[1] = -1 is outside the batch of 10 rows");
                assertThatThrownBy(() -> writer.write(batch, new int[] {0}, 2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("count must be 0 to 1 (rowIndexes length): 2");

                DecimalVector decimal = (DecimalVector) batch.getVector("dec_s");
                decimal.set(4, 100_000_000_000L);
                assertThatThrownBy(() -> writer.write(batch, new int[] {4}, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                        "column dec_s row 4: unscaled value 100000000000 has more than 9 digits");
                decimal.set(4, -1_000_000_000L);
                assertThatThrownBy(() -> writer.write(batch, new int[] {4}, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                        "column dec_s row 4: unscaled value -1000000000 has more than 9 digits");
                decimal.set(4, -999_999_999L);
                writer.write(batch, new int[] {4}, 1);
              }

              try (VectorSchemaRoot wrongType = wrongIdType()) {
                assertThatThrownBy(() -> writer.write(wrongType))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                        "column id of type INT needs Arrow type Int(32, true), the batch has Int(64, true)");
              }
              try (VectorSchemaRoot partial =
                  VectorSchemaRoot.create(
                      new Schema(List.of(TestTable.SCHEMA.arrowSchema().getFields().get(0))),
                      allocator)) {
                partial.setRowCount(0);
                assertThatThrownBy(() -> writer.write(partial))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the batch has no vector for column b");
              }
            });

    assertThat(tablet.rowCount()).isEqualTo(4);
    List<List<Object>> rows =
        duckDb.query("SELECT id, dec_s FROM " + DuckDb.source(store.path(key)));
    assertThat(rows)
        .containsExactly(
            Arrays.asList(0, TestTable.value(0, 8)),
            Arrays.asList(1, TestTable.value(1, 8)),
            Arrays.asList(3, TestTable.value(3, 8)),
            Arrays.asList(4, new BigDecimal("-9999999.99")));
    assertThat(TestTable.value(1, 8)).as("a null is among the rows").isNull();
  }

  @Test
  void aFinishedOrClosedWriterRefusesMoreWork() {
    try (ObjectUpload upload = store.create("t/done.parquet");
        VectorSchemaRoot batch = TestTable.batch(allocator, 0, 3)) {
      TabletWriter writer =
          new TabletWriter(TestTable.SCHEMA, upload, TabletWriterOptions.defaults());
      writer.write(batch);
      writer.finish();
      assertThatThrownBy(() -> writer.write(batch))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("the tablet is already finished");
      assertThatThrownBy(writer::finish)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("the tablet is already finished");
      writer.close();
      assertThatThrownBy(() -> writer.write(batch))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("the tablet writer is closed");
      upload.commit();
    }
    assertThat(store.exists("t/done.parquet")).isTrue();
  }

  @Test
  void closingWithoutFinishLeavesNoObject() {
    try (ObjectUpload upload = store.create("t/abandoned.parquet");
        TabletWriter writer =
            new TabletWriter(TestTable.SCHEMA, upload, TabletWriterOptions.defaults());
        VectorSchemaRoot batch = TestTable.batch(allocator, 0, 100)) {
      writer.write(batch);
      assertThat(writer.rowCount()).isEqualTo(100);
      assertThat(writer.bufferedBytes()).isPositive();
    }
    assertThat(store.exists("t/abandoned.parquet")).isFalse();
  }

  @Test
  void decimalPhysicalWidthsFollowThePrecision() throws Exception {
    // The edges of each physical type: 9 and 10 digits, 18 and 19 digits, 38 digits.
    TableSchema schema =
        TableSchema.of(
            TableColumn.of("p9", "DECIMAL(9,0)", false),
            TableColumn.of("p10", "DECIMAL(10,0)", false),
            TableColumn.of("p18", "DECIMAL(18,0)", false),
            TableColumn.of("p19", "DECIMAL(19,0)", false),
            TableColumn.of("p38", "DECIMAL(38,0)", false));
    int[] precisions = {9, 10, 18, 19, 38};
    String key = "t/decimal-edges.parquet";
    write(
        key,
        schema,
        TabletWriterOptions.defaults(),
        writer -> {
          try (VectorSchemaRoot batch = VectorSchemaRoot.create(schema.arrowSchema(), allocator)) {
            for (int c = 0; c < precisions.length; c++) {
              DecimalVector vector = (DecimalVector) batch.getVector(c);
              BigInteger max = BigInteger.TEN.pow(precisions[c]).subtract(BigInteger.ONE);
              vector.setSafe(0, new BigDecimal(max));
              vector.setSafe(1, new BigDecimal(max.negate()));
              vector.setSafe(2, BigDecimal.ZERO);
              vector.setSafe(3, BigDecimal.valueOf(-1));
            }
            batch.setRowCount(4);
            writer.write(batch);
          }
        });

    Path file = store.path(key);
    assertThat(
            duckDb.query(
                "SELECT path_in_schema, type FROM parquet_metadata('"
                    + file
                    + "') ORDER BY column_id"))
        .containsExactly(
            List.of("p9", "INT32"),
            List.of("p10", "INT64"),
            List.of("p18", "INT64"),
            List.of("p19", "FIXED_LEN_BYTE_ARRAY"),
            List.of("p38", "FIXED_LEN_BYTE_ARRAY"));
    List<List<Object>> rows = duckDb.query("SELECT * FROM " + DuckDb.source(file));
    for (int c = 0; c < precisions.length; c++) {
      BigDecimal max = new BigDecimal(BigInteger.TEN.pow(precisions[c]).subtract(BigInteger.ONE));
      assertThat(
              List.of(
                  rows.get(0).get(c), rows.get(1).get(c), rows.get(2).get(c), rows.get(3).get(c)))
          .as("DECIMAL(" + precisions[c] + ",0)")
          .containsExactly(max, max.negate(), BigDecimal.ZERO, BigDecimal.valueOf(-1));
    }
  }

  private VectorSchemaRoot wrongIdType() {
    List<Field> fields = new ArrayList<>(TestTable.SCHEMA.arrowSchema().getFields());
    fields.set(0, new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null));
    VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
    ((BigIntVector) root.getVector("id")).setSafe(0, 1L);
    root.setRowCount(1);
    return root;
  }

  private TabletFile write(
      String key, TableSchema schema, TabletWriterOptions options, Consumer<TabletWriter> body) {
    try (ObjectUpload upload = store.create(key);
        TabletWriter writer = new TabletWriter(schema, upload, options)) {
      body.accept(writer);
      TabletFile tablet = writer.finish();
      upload.commit();
      return tablet;
    }
  }

  static void writeBatch(TabletWriter writer, int firstId, int rows) {
    try (VectorSchemaRoot batch = TestTable.batch(allocator, firstId, rows)) {
      writer.write(batch);
    }
  }

  static List<Integer> expectedIds(int first, int count) {
    List<Integer> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(first + i);
    }
    return ids;
  }

  /** Every value of the file, in file order, is the expected value of the row ids given. */
  private void assertRows(Path file, List<Integer> ids) throws Exception {
    List<List<Object>> rows =
        duckDb.query(
            "SELECT * EXCLUDE (file_row_number) FROM read_parquet('"
                + file
                + "', file_row_number = true) ORDER BY file_row_number");
    assertThat(rows).hasSize(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      assertThat(rows.get(i)).as("row " + i).isEqualTo(TestTable.row(ids.get(i)));
    }
  }

  private static void assertSameValue(ColumnType type, Object ours, Object duckDbs, String what) {
    switch (type.kind()) {
      case TINYINT, SMALLINT, INT, BIGINT ->
          assertThat(((Number) ours).longValue())
              .as(what)
              .isEqualTo(((Number) duckDbs).longValue());
      case LARGEINT ->
          assertThat(ours).as(what).isEqualTo(((BigDecimal) duckDbs).toBigIntegerExact());
      case DECIMAL -> {
        assertThat(ours).as(what).isEqualTo(duckDbs);
        assertThat(((BigDecimal) ours).scale()).isEqualTo(type.scale());
      }
      case BOOLEAN, FLOAT, DOUBLE, DATE, DATETIME, CHAR, VARCHAR, STRING ->
          assertThat(ours).as(what).isEqualTo(duckDbs);
    }
  }
}
