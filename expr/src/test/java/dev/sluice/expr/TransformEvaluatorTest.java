package dev.sluice.expr;

import static dev.sluice.expr.LoadHarness.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.storage.schema.TableColumn;
import dev.sluice.storage.schema.TableSchema;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;

class TransformEvaluatorTest {

  private static final TableSchema EVENTS =
      TableSchema.of(
          TableColumn.of("id", "BIGINT", false),
          TableColumn.of("pay_dt", "DATE", true),
          TableColumn.of("name", "VARCHAR(5)", true),
          TableColumn.of("amount", "DECIMAL(6,2)", true));

  @Test
  void aBadDateIsAnErrorRowInStrictMode() {
    LoadHarness.Result result =
        load(EVENTS, "id, raw, pay_dt = str_to_date(raw, '%Y-%m-%d')", "")
            .field("id", "BIGINT", 1L, 2L, 3L)
            .field("raw", "STRING", "2020-05-11", "2020-13-45", null)
            .run();
    assertThat(result.selected).containsExactly(0, 2);
    assertThat(result.errors)
        .containsExactly(
            Map.entry(1, "column 'pay_dt': str_to_date('2020-13-45', '%Y-%m-%d') failed"));
    assertThat(result.column("pay_dt").get(0)).isEqualTo(LocalDate.of(2020, 5, 11));
    assertThat(result.column("pay_dt").get(2)).isNull();
  }

  @Test
  void aBadDateIsNullInNonStrictMode() {
    LoadHarness.Result result =
        load(EVENTS, "id, raw, pay_dt = str_to_date(raw, '%Y-%m-%d')", "")
            .strict(false)
            .field("id", "BIGINT", 1L, 2L)
            .field("raw", "STRING", "2020-05-11", "2020-13-45")
            .run();
    assertThat(result.selected).containsExactly(0, 1);
    assertThat(result.errors).isEmpty();
    assertThat(result.column("pay_dt")).containsExactly(LocalDate.of(2020, 5, 11), null);
  }

  @Test
  void aFailingConversionIntoTheColumnTypeIsAnErrorRow() {
    LoadHarness.Result result =
        load(EVENTS, "id, raw, amount = raw", "")
            .field("id", "BIGINT", 1L, 2L, 3L)
            .field("raw", "STRING", "12.345", "abc", "99999")
            .run();
    assertThat(result.selected).containsExactly(0);
    assertThat(result.column("amount").get(0)).isEqualTo(new java.math.BigDecimal("12.35"));
    assertThat(result.errors)
        .containsExactly(
            Map.entry(1, "column 'amount': cannot convert 'abc' to DECIMAL(6,2)"),
            Map.entry(2, "column 'amount': cannot convert '99999' to DECIMAL(6,2)"));
  }

  @Test
  void branchesNotTakenDoNotFail() {
    LoadHarness.Result result =
        load(
                EVENTS,
                "id, raw, pay_dt = case when raw = '' then null else str_to_date(raw, '%Y%m%d') end",
                "")
            .field("id", "BIGINT", 1L, 2L, 3L)
            .field("raw", "STRING", "", "20200511", "x")
            .run();
    assertThat(result.selected).containsExactly(0, 1);
    assertThat(result.column("pay_dt").subList(0, 2))
        .containsExactly(null, LocalDate.of(2020, 5, 11));
    assertThat(result.errors)
        .containsExactly(Map.entry(2, "column 'pay_dt': str_to_date('x', '%Y%m%d') failed"));
  }

  @Test
  void aFalseTermDecidesAnAndEvenIfAnotherFails() {
    LoadHarness.Result result =
        load(EVENTS, "id, raw", "id > 1 and cast(raw as bigint) > 0")
            .field("id", "BIGINT", 1L, 2L, 3L)
            .field("raw", "STRING", "x", "x", "5")
            .run();
    // Row 0: id > 1 is FALSE, so the failing cast does not matter: unselected.
    assertThat(result.unselected).isEqualTo(1);
    assertThat(result.errors).containsExactly(Map.entry(1, "WHERE: cannot convert 'x' to BIGINT"));
    assertThat(result.selected).containsExactly(2);
  }

  @Test
  void rowsDroppedByWhereAreNotErrorsEvenIfAColumnFails() {
    LoadHarness.Result result =
        load(EVENTS, "id, raw, kind, pay_dt = str_to_date(raw, '%Y-%m-%d')", "kind = 'order'")
            .field("id", "BIGINT", 1L, 2L)
            .field("raw", "STRING", "garbage", "2020-01-02")
            .field("kind", "STRING", "ping", "order")
            .run();
    assertThat(result.unselected).isEqualTo(1);
    assertThat(result.errors).isEmpty();
    assertThat(result.selected).containsExactly(1);
  }

  @Test
  void nullInANotNullColumnIsAnErrorRowInBothModes() {
    for (boolean strict : new boolean[] {true, false}) {
      LoadHarness.Result result =
          load(EVENTS, "raw, id = cast(raw as bigint)", "")
              .strict(strict)
              .field("raw", "STRING", "1", null, "x")
              .run();
      assertThat(result.selected).containsExactly(0);
      assertThat(result.errors.get(1))
          .isEqualTo("column 'id' is NOT NULL but CAST(`raw` AS BIGINT) is NULL");
      assertThat(result.errors.get(2))
          .isEqualTo(
              strict
                  ? "column 'id': cannot convert 'x' to BIGINT"
                  : "column 'id' is NOT NULL but CAST(`raw` AS BIGINT) is NULL");
    }
  }

  @Test
  void stringsLongerThanTheColumnAreErrorRows() {
    LoadHarness.Result result =
        load(EVENTS, "id, raw, name = upper(raw)", "")
            .strict(false)
            .field("id", "BIGINT", 1L, 2L)
            .field("raw", "STRING", "abcde", "abcdef")
            .run();
    assertThat(result.selected).containsExactly(0);
    assertThat(result.column("name").get(0)).isEqualTo("ABCDE");
    assertThat(result.errors)
        .containsExactly(
            Map.entry(
                1,
                "column 'name': value 'ABCDEF' is 6 bytes, longer than the 5 bytes of VARCHAR(5)"));
  }

  @Test
  void whereReadsDerivedSourceAndUnfilledColumns() {
    LoadHarness.Result result =
        load(EVENTS, "id, raw, amount = raw * 2", "amount > 3 and raw <> '2' and name is null")
            .field("id", "BIGINT", 1L, 2L, 3L)
            .field("raw", "STRING", "1", "2", "3")
            .run();
    assertThat(result.selected).containsExactly(2);
    assertThat(result.unselected).isEqualTo(2);
    assertThat(result.column("amount").get(2)).isEqualTo(new java.math.BigDecimal("6.00"));
    assertThat(result.column("name")).containsExactly(null, null, null);
  }

  @Test
  void derivedColumnsMayReadEarlierDerivedColumns() {
    TableSchema table =
        TableSchema.of(
            TableColumn.of("a", "INT", true),
            TableColumn.of("b", "INT", true),
            TableColumn.of("c", "VARCHAR(20)", true));
    LoadHarness.Result result =
        load(table, "x, a = x + 1, b = a * 10, c = concat(a, '/', b)", "")
            .field("x", "STRING", "1", "41")
            .run();
    assertThat(result.column("a")).containsExactly(2L, 42L);
    assertThat(result.column("b")).containsExactly(20L, 420L);
    assertThat(result.column("c")).containsExactly("2/20", "42/420");
  }

  @Test
  void outputsAreNamedLikeTheTableColumns() {
    TableSchema table =
        TableSchema.of(
            TableColumn.of("Id", "BIGINT", true),
            TableColumn.of("copy", "BIGINT", true),
            TableColumn.of("twice", "BIGINT", true));
    LoadHarness.Result result =
        load(table, "ID, copy = ID, twice = ID * 2", "").field("ID", "BIGINT", 7L, null).run();
    // Found ignoring case, but copied so that the batch has a vector named "Id".
    assertThat(result.vectors.keySet()).containsExactly("Id", "copy", "twice");
    assertThat(result.vectors.get("Id")).isNotSameAs(result.inputs.get(0));
    assertThat(result.vectors.get("Id").getName()).isEqualTo("Id");
    assertThat(result.column("Id")).containsExactly(7L, null);
    assertThat(result.column("copy")).containsExactly(7L, null);
    assertThat(result.column("twice")).containsExactly(14L, null);
  }

  @Test
  void narrowColumnsAreWidenedForComputationAndNarrowedForStorage() {
    TableSchema table =
        TableSchema.of(
            TableColumn.of("t", "TINYINT", true),
            TableColumn.of("s", "SMALLINT", true),
            TableColumn.of("f", "FLOAT", true),
            TableColumn.of("l", "LARGEINT", true),
            TableColumn.of("c", "CHAR(3)", true),
            TableColumn.of("at_time", "DATETIME", true),
            TableColumn.of("ok", "BOOLEAN", true));
    LoadHarness.Result result =
        load(
                table,
                "t, s = t * 100, f = t / 4, l = t * 1000000000000, c = t, at_time = '2024-01-02 03:04:05', ok = t > 0",
                "")
            .field("t", "TINYINT", 5L, -128L)
            .run();
    assertThat(result.column("s")).containsExactly(500L, -12800L);
    assertThat(result.column("f")).containsExactly(1.25f, -32.0f);
    assertThat(result.column("l"))
        .containsExactly(
            new java.math.BigDecimal("5000000000000"),
            new java.math.BigDecimal("-128000000000000"));
    assertThat(result.column("c")).containsExactly("5", "-128");
    assertThat(result.column("at_time").get(0)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
    assertThat(result.column("ok")).containsExactly(true, false);
    assertThat(result.errors)
        .containsExactly(
            Map.entry(
                1, "column 'c': value '-128' is 4 bytes, longer than the 3 bytes of CHAR(3)"));
  }

  @Test
  void placeholdersAreNeededOnlyWhenAnExpressionReadsThem() {
    LoadTransform transform = load(EVENTS, "id, skipped, used, pay_dt = used", "").transform();
    assertThat(transform.sourceFields())
        .extracting(SourceField::name, SourceField::needed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("id", true),
            org.assertj.core.groups.Tuple.tuple("skipped", false),
            org.assertj.core.groups.Tuple.tuple("used", true));
    assertThat(transform.sourceFields().get(2).type().toString()).isEqualTo("STRING");
    assertThat(transform.isIdentity()).isFalse();
    assertThat(load(EVENTS, "id, skipped", "").transform().isIdentity()).isTrue();
  }

  @Test
  void aMissingVectorIsRefused() {
    LoadTransform transform = load(EVENTS, "id, raw, pay_dt = raw", "").transform();
    try (BufferAllocator allocator = new RootAllocator();
        TransformEvaluator evaluator = transform.open(allocator)) {
      FieldVector id =
          TestVectors.vector(
              allocator, "id", dev.sluice.storage.schema.ColumnType.parse("BIGINT"), List.of(1L));
      try {
        assertThatThrownBy(() -> evaluator.evaluate(List.of(id), 1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("the batch has no vector named 'raw' (has: id)");
      } finally {
        id.close();
      }
    }
  }

  @Test
  void aVectorOfTheWrongTypeIsRefused() {
    LoadTransform transform = load(EVENTS, "id, raw, pay_dt = raw", "").transform();
    try (BufferAllocator allocator = new RootAllocator();
        TransformEvaluator evaluator = transform.open(allocator)) {
      FieldVector id =
          TestVectors.vector(
              allocator, "id", dev.sluice.storage.schema.ColumnType.parse("INT"), List.of(1L));
      FieldVector raw =
          TestVectors.vector(
              allocator,
              "raw",
              dev.sluice.storage.schema.ColumnType.string(),
              List.of("2020-01-01"));
      try {
        assertThatThrownBy(() -> evaluator.evaluate(List.of(id, raw), 1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage(
                "column 'id' of type BIGINT needs Arrow type Int(64, true), the batch has Int(32, true)");
      } finally {
        id.close();
        raw.close();
      }
    }
  }

  @Test
  void anEmptyBatch() {
    LoadHarness.Result result =
        load(EVENTS, "id, raw, pay_dt = raw, name = 'x'", "id > 0")
            .field("id", "BIGINT")
            .field("raw", "STRING")
            .run();
    assertThat(result.selected).isEmpty();
    assertThat(result.errors).isEmpty();
    assertThat(result.column("name")).isEmpty();
  }

  @Test
  void nowIsTheSameForTheWholeBatch() {
    TableSchema table =
        TableSchema.of(
            TableColumn.of("loaded_at", "DATETIME", true), TableColumn.of("v", "INT", true));
    LoadHarness.Result result =
        load(table, "v, loaded_at = now()", "").field("v", "INT", 1L, 2L).run();
    assertThat(result.column("loaded_at"))
        .containsExactly(
            LocalDateTime.of(2024, 3, 10, 12, 34, 56, 789_000_000),
            LocalDateTime.of(2024, 3, 10, 12, 34, 56, 789_000_000));
  }

  @Test
  void theTimeZoneOfTheOptionsIsUsed() {
    TableSchema table =
        TableSchema.of(TableColumn.of("day", "DATE", true), TableColumn.of("ts", "BIGINT", true));
    LoadTransform transform =
        LoadAnalyzer.analyze(
            table,
            "ts, day = from_unixtime(ts)",
            "",
            TransformOptions.of(ZoneId.of("Asia/Tokyo"), true));
    assertThat(transform.options().timeZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
  }
}
