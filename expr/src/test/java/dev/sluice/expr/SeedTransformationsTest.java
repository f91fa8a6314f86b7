package dev.sluice.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TableColumn;
import dev.sluice.storage.schema.TableSchema;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The three transformations of the StarRocks routine load examples the project starts from. */
class SeedTransformationsTest {

  private BufferAllocator allocator;
  private final List<FieldVector> sources = new ArrayList<>();

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    sources.forEach(FieldVector::close);
    assertThat(allocator.getAllocatedMemory()).isZero();
    allocator.close();
  }

  private FieldVector source(String name, ColumnType type, Object... values) {
    FieldVector vector = TestVectors.vector(allocator, name, type, Arrays.asList(values));
    sources.add(vector);
    return vector;
  }

  private static final TableSchema ORDERS =
      TableSchema.of(
          TableColumn.of("commodity_id", "VARCHAR(26)", true),
          TableColumn.of("customer_name", "VARCHAR(26)", true),
          TableColumn.of("country", "VARCHAR(26)", true),
          TableColumn.of("pay_time", "BIGINT", true),
          TableColumn.of("pay_dt", "DATE", true),
          TableColumn.of("price", "DOUBLE", true));

  private static final String ORDER_COLUMNS =
      "commodity_id, customer_name, country, pay_time, price,"
          + " pay_dt=from_unixtime(pay_time, '%Y%m%d')";

  private LocalDate payDate(String zone) {
    LoadTransform transform =
        LoadAnalyzer.analyze(ORDERS, ORDER_COLUMNS, "", TransformOptions.of(ZoneId.of(zone), true));
    List<FieldVector> batch =
        List.of(
            source("commodity_id", ColumnType.varchar(26), "1"),
            source("customer_name", ColumnType.varchar(26), "Mark Twain"),
            source("country", ColumnType.varchar(26), "US"),
            source(
                "pay_time", ColumnType.of(dev.sluice.storage.schema.TypeKind.BIGINT), 1589191487L),
            source("price", ColumnType.of(dev.sluice.storage.schema.TypeKind.DOUBLE), 15.0));
    try (TransformEvaluator evaluator = transform.open(allocator)) {
      TransformResult result = evaluator.evaluate(batch, 1);
      assertThat(result.selectedCount()).isEqualTo(1);
      assertThat(result.errorCount()).isZero();
      assertThat(result.table().getSchema()).isEqualTo(ORDERS.arrowSchema());
      // Plain mappings are the source vectors themselves.
      assertThat(result.table().getVector("customer_name")).isSameAs(batch.get(1));
      return (LocalDate) TestVectors.value(result.table().getVector("pay_dt"), 0);
    } finally {
      sources.forEach(FieldVector::close);
      sources.clear();
    }
  }

  @Test
  void fromUnixtimeIntoADateColumnFollowsTheJobTimeZone() {
    // 1589191487 is 2020-05-11 10:04:47 UTC, 18:04:47 in Shanghai.
    assertThat(payDate("Asia/Shanghai")).isEqualTo(LocalDate.of(2020, 5, 11));
    assertThat(payDate("UTC")).isEqualTo(LocalDate.of(2020, 5, 11));
    // 23:04:47 the day before in Pago Pago (UTC-11).
    assertThat(payDate("Pacific/Pago_Pago")).isEqualTo(LocalDate.of(2020, 5, 10));
  }

  @Test
  void theSeedMappingDescribesItsColumns() {
    LoadTransform transform =
        LoadAnalyzer.analyze(
            ORDERS, ORDER_COLUMNS, "", TransformOptions.of(ZoneId.of("Asia/Shanghai"), true));
    assertThat(transform.sourceFields())
        .extracting(SourceField::name)
        .containsExactly("commodity_id", "customer_name", "country", "pay_time", "price");
    assertThat(transform.columns())
        .extracting(ColumnAssignment::kind)
        .containsExactly(
            ColumnAssignment.Kind.SOURCE,
            ColumnAssignment.Kind.SOURCE,
            ColumnAssignment.Kind.SOURCE,
            ColumnAssignment.Kind.SOURCE,
            ColumnAssignment.Kind.EXPRESSION,
            ColumnAssignment.Kind.SOURCE);
    assertThat(transform.columns().get(4).expression())
        .contains("from_unixtime(`pay_time`, '%Y%m%d')");
  }

  @Test
  void derivedSumOverReorderedColumnsWithAPlaceholder() {
    TableSchema table =
        TableSchema.of(
            TableColumn.of("col1", "INT", true),
            TableColumn.of("col2", "INT", true),
            TableColumn.of("col3", "VARCHAR(10)", true),
            TableColumn.of("col4", "BIGINT", true));
    LoadTransform transform =
        LoadAnalyzer.analyze(
            table,
            "col2, col1, temp, col3, col4 = col1 + col2",
            "",
            TransformOptions.of(ZoneId.of("UTC"), true));
    assertThat(transform.sourceFields())
        .extracting(SourceField::name, SourceField::needed, SourceField::isPlaceholder)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("col2", true, false),
            org.assertj.core.groups.Tuple.tuple("col1", true, false),
            org.assertj.core.groups.Tuple.tuple("temp", false, true),
            org.assertj.core.groups.Tuple.tuple("col3", true, false));
    ColumnType integer = ColumnType.parse("INT");
    List<FieldVector> batch =
        List.of(
            source("col2", integer, 20, null, 7),
            source("col1", integer, 1, 5, 2147483647),
            source("col3", ColumnType.varchar(10), "a", "b", "c"));
    try (TransformEvaluator evaluator = transform.open(allocator)) {
      TransformResult result = evaluator.evaluate(batch, 3);
      assertThat(result.selectedCount()).isEqualTo(3);
      // INT + INT computes in BIGINT: no overflow at 2147483647 + 7.
      assertThat(TestVectors.values(result.table().getVector("col4"), 3))
          .containsExactly(21L, null, 2147483654L);
      assertThat(TestVectors.values(result.table().getVector("col1"), 3))
          .containsExactly(1L, 5L, 2147483647L);
    }
  }

  @Test
  void whereCountsUnselectedRows() {
    TableSchema table =
        TableSchema.of(
            TableColumn.of("k1", "INT", true),
            TableColumn.of("k2", "INT", true),
            TableColumn.of("v", "VARCHAR(10)", true));
    LoadTransform transform =
        LoadAnalyzer.analyze(
            table, "", "k1 > 100 and k2 = 1000", TransformOptions.of(ZoneId.of("UTC"), true));
    ColumnType integer = ColumnType.parse("INT");
    List<FieldVector> batch =
        List.of(
            source("k1", integer, 101, 100, 500, null, 200),
            source("k2", integer, 1000, 1000, 999, 1000, null),
            source("v", ColumnType.varchar(10), "a", "b", "c", "d", "e"));
    try (TransformEvaluator evaluator = transform.open(allocator)) {
      TransformResult result = evaluator.evaluate(batch, 5);
      assertThat(result.selectedCount()).isEqualTo(1);
      assertThat(result.selectedRows()[0]).isZero();
      // FALSE and NULL conditions are unselected, not errors.
      assertThat(result.unselectedCount()).isEqualTo(4);
      assertThat(result.errorCount()).isZero();
    }
  }
}
