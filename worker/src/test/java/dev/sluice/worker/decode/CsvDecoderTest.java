package dev.sluice.worker.decode;

import static dev.sluice.worker.decode.DecodeFixture.column;
import static dev.sluice.worker.decode.DecodeFixture.table;
import static dev.sluice.worker.decode.DecodeFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.storage.schema.TableSchema;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CsvDecoderTest {

  private static final TableSchema ORDERS =
      table(
          "order_id BIGINT NOT NULL",
          "pay_dt DATE NOT NULL",
          "customer_name VARCHAR(26)",
          "nationality VARCHAR(26)",
          "price DOUBLE");

  private static final List<String> ORDER_COLUMNS =
      List.of("order_id", "pay_dt", "customer_name", "nationality", "temp_gender", "price");

  private static final String[] SEED =
      new String[] {
        "2020050802,2020-05-08,Johann Georg Faust,Deutschland,male,895",
        "2020050802,2020-05-08,Julien Sorel,France,male,893",
        "2020050803,2020-05-08,Dorian Grey,UK,male,1262",
        "2020050901,2020-05-09,Anna Karenina\",Russia,female,175",
        "2020051001,2020-05-10,Tess Durbeyfield,US,female,986",
        "2020051101,2020-05-11,Edogawa Conan,japan,male,8924",
      };

  private final BufferAllocator allocator = new RootAllocator();
  private final DecodeFixture.Rejects rejects = new DecodeFixture.Rejects();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  @Test
  void decodesTheSeedOrdersSkippingTheUnusedPlaceholder() {
    SourceColumns columns =
        SourceColumns.of(
            ORDERS,
            ORDER_COLUMNS,
            Set.of("order_id", "pay_dt", "customer_name", "nationality", "price"));
    RecordDecoder decoder = RecordDecoders.csv(utf8(","), false, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 16)) {
      for (String line : SEED) {
        assertThat(decoder.decode(utf8(line + "\n"), batch, rejects)).isEqualTo(1);
      }
      batch.finish();

      assertThat(rejects.reasons).isEmpty();
      assertThat(batch.rowCount()).isEqualTo(6);
      assertThat(column(batch, "order_id"))
          .containsExactly(
              2020050802L, 2020050802L, 2020050803L, 2020050901L, 2020051001L, 2020051101L);
      assertThat(column(batch, "pay_dt"))
          .containsExactly(
              LocalDate.of(2020, 5, 8),
              LocalDate.of(2020, 5, 8),
              LocalDate.of(2020, 5, 8),
              LocalDate.of(2020, 5, 9),
              LocalDate.of(2020, 5, 10),
              LocalDate.of(2020, 5, 11));
      assertThat(column(batch, "customer_name"))
          .containsExactly(
              "Johann Georg Faust",
              "Julien Sorel",
              "Dorian Grey",
              "Anna Karenina\"",
              "Tess Durbeyfield",
              "Edogawa Conan");
      assertThat(column(batch, "nationality"))
          .containsExactly("Deutschland", "France", "UK", "Russia", "US", "japan");
      assertThat(column(batch, "price"))
          .containsExactly(895.0, 893.0, 1262.0, 175.0, 986.0, 8924.0);
      assertThat(batch.vectors()).hasSize(5);
      assertThatThrownBy(() -> batch.vector("temp_gender"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("source column 'temp_gender' is not needed, so not decoded");
    }
  }

  @Test
  void decodesANeededPlaceholderAsString() {
    SourceColumns columns = SourceColumns.of(ORDERS, ORDER_COLUMNS);
    RecordDecoder decoder = RecordDecoders.csv(utf8(","), true, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 16)) {
      for (String line : SEED) {
        decoder.decode(utf8(line), batch, rejects);
      }
      batch.finish();
      assertThat(rejects.reasons).isEmpty();
      assertThat(column(batch, "temp_gender"))
          .containsExactly("male", "male", "male", "female", "female", "male");
    }
  }

  @Test
  void rejectsAWrongNumberOfFieldsAndKeepsGoing() {
    SourceColumns columns = SourceColumns.of(ORDERS, ORDER_COLUMNS);
    RecordDecoder decoder = RecordDecoders.csv(utf8(","), true, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 16)) {
      byte[] tooFew = utf8("2020050802,2020-05-08,Faust,Deutschland,male");
      byte[] tooMany = utf8("2020050802,2020-05-08,Faust,Deutschland,male,895,extra");
      byte[] trailingSeparator = utf8("2020050802,2020-05-08,Faust,Deutschland,male,895,");

      assertThat(decoder.decode(tooFew, batch, rejects)).isZero();
      assertThat(decoder.decode(tooMany, batch, rejects)).isZero();
      assertThat(decoder.decode(trailingSeparator, batch, rejects)).isZero();
      assertThat(decoder.decode(utf8(SEED[0]), batch, rejects)).isEqualTo(1);

      assertThat(rejects.reasons)
          .containsExactly(
              "expected 6 columns but found 5",
              "expected 6 columns but found 7",
              "expected 6 columns but found 7");
      assertThat(rejects.values.get(0)).isSameAs(tooFew);
      assertThat(batch.rowCount()).isEqualTo(1);
    }
  }

  @Test
  void rejectsTombstonesAndEmptyMessages() {
    SourceColumns columns = SourceColumns.ofTable(table("name STRING"));
    RecordDecoder decoder = RecordDecoders.csv(utf8(","), true, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 4)) {
      assertThat(decoder.decode(null, batch, rejects)).isZero();
      assertThat(decoder.decode(new byte[0], batch, rejects)).isZero();
      assertThat(decoder.decode(utf8("\r\n"), batch, rejects)).isZero();
      assertThat(rejects.reasons)
          .containsExactly("empty message", "empty message", "empty message");
      assertThat(rejects.values.get(0)).isEmpty();
      assertThat(batch.rowCount()).isZero();
    }
  }

  @Test
  void stripsOneTrailingLineBreakOnly() {
    SourceColumns columns = SourceColumns.ofTable(table("a STRING", "b STRING"));
    RecordDecoder decoder = RecordDecoders.csv(utf8(","), true, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 4)) {
      decoder.decode(utf8("x,y\r\n"), batch, rejects);
      decoder.decode(utf8("x,y\n\n"), batch, rejects);
      decoder.decode(utf8("x,y\r"), batch, rejects);
      batch.finish();
      assertThat(rejects.reasons).isEmpty();
      assertThat(column(batch, "b")).containsExactly("y", "y\n", "y\r");
    }
  }

  @Test
  void readsBackslashNAsNullAndAnEmptyFieldAsAnEmptyString() {
    SourceColumns columns = SourceColumns.ofTable(table("a VARCHAR(10)", "b INT", "c VARCHAR(10)"));
    RecordDecoder decoder = RecordDecoders.csv(utf8(","), false, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 4)) {
      decoder.decode(utf8("\\N,\\N,"), batch, rejects);
      decoder.decode(utf8(",,\\n"), batch, rejects);
      decoder.decode(utf8("\\NN,7,\\"), batch, rejects);
      batch.finish();
      assertThat(rejects.reasons).isEmpty();
      assertThat(column(batch, "a")).containsExactly(null, "", "\\NN");
      // An empty field is not a number: NULL when not strict.
      assertThat(column(batch, "b")).containsExactly(null, null, 7);
      assertThat(column(batch, "c")).containsExactly("", "\\n", "\\");
    }
  }

  @Test
  void splitsOnMultiByteSeparators() {
    assertSplits("||", "a||b|c||d", "a", "b|c", "d");
    assertSplits("||", "a|||b||", "a", "|b", "");
    assertSplits("\u0001", "a\u0001b\u0001c", "a", "b", "c");
    assertSplits("分隔", "甲分隔乙分丙分隔", "甲", "乙分丙", "");
    String fifty = "<" + "=".repeat(48) + ">";
    assertThat(utf8(fifty)).hasSize(50);
    assertSplits(fifty, "a" + fifty + "b" + fifty + "c", "a", "b", "c");
    assertSplits(fifty, fifty + fifty, "", "", "");
    assertSplits("\t", "a\tb\tc", "a", "b", "c");
  }

  private void assertSplits(String separator, String line, String... fields) {
    SourceColumns columns = SourceColumns.ofTable(table("a STRING", "b STRING", "c STRING"));
    RecordDecoder decoder = RecordDecoders.csv(utf8(separator), true, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 4)) {
      assertThat(decoder.decode(utf8(line), batch, rejects)).as(line).isEqualTo(1);
      batch.finish();
      assertThat(
              List.of(
                  column(batch, "a").get(0), column(batch, "b").get(0), column(batch, "c").get(0)))
          .as(line)
          .containsExactly((Object[]) fields);
    }
  }

  @Test
  void countsFieldsWithAMultiByteSeparator() {
    SourceColumns columns = SourceColumns.ofTable(table("a STRING", "b STRING", "c STRING"));
    RecordDecoder decoder = RecordDecoders.csv(utf8("||"), true, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 4)) {
      decoder.decode(utf8("a|b|c"), batch, rejects);
      decoder.decode(utf8("a||b||c||d||e"), batch, rejects);
      assertThat(rejects.reasons)
          .containsExactly("expected 3 columns but found 1", "expected 3 columns but found 5");
    }
  }

  @Test
  void strictModeRejectsARowWithAValueThatDoesNotConvert() {
    SourceColumns columns =
        SourceColumns.ofTable(table("id INT NOT NULL", "v INT", "name VARCHAR(5)"));
    RecordDecoder decoder = RecordDecoders.csv(utf8(","), true, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 4)) {
      assertThat(decoder.decode(utf8("1,abc,x"), batch, rejects)).isZero();
      assertThat(decoder.decode(utf8("2,,x"), batch, rejects)).isZero();
      assertThat(decoder.decode(utf8("3,\\N,x"), batch, rejects)).isEqualTo(1);
      batch.finish();
      assertThat(rejects.reasons)
          .containsExactly(
              "column 'v' value 'abc' cannot be converted to INT",
              "column 'v' value '' cannot be converted to INT");
      assertThat(column(batch, "id")).containsExactly(3);
      assertThat(column(batch, "v")).containsExactly((Object) null);
    }
  }

  @Test
  void nonStrictModeLoadsNullForAValueThatDoesNotConvert() {
    SourceColumns columns =
        SourceColumns.ofTable(table("id INT NOT NULL", "v INT", "name VARCHAR(5)"));
    RecordDecoder decoder = RecordDecoders.csv(utf8(","), false, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 4)) {
      assertThat(decoder.decode(utf8("1,abc,x"), batch, rejects)).isEqualTo(1);
      assertThat(decoder.decode(utf8("abc,1,x"), batch, rejects)).isZero();
      batch.finish();
      assertThat(rejects.reasons)
          .containsExactly(
              "column 'id' is NOT NULL but the value is NULL"
                  + " (value 'abc' cannot be converted to INT)");
      assertThat(column(batch, "id")).containsExactly(1);
      assertThat(column(batch, "v")).containsExactly((Object) null);
    }
  }

  @Test
  void rejectsNullInANotNullColumnInBothModes() {
    for (boolean strict : new boolean[] {true, false}) {
      SourceColumns columns = SourceColumns.of(ORDERS, ORDER_COLUMNS);
      RecordDecoder decoder = RecordDecoders.csv(utf8(","), strict, columns);
      DecodeFixture.Rejects sink = new DecodeFixture.Rejects();
      try (SourceBatch batch = new SourceBatch(columns, allocator, 4)) {
        assertThat(decoder.decode(utf8("\\N,2020-05-08,Faust,DE,male,1"), batch, sink)).isZero();
        assertThat(sink.reasons)
            .containsExactly("column 'order_id' is NOT NULL but the value is NULL");
      }
    }
  }

  @Test
  void rejectsAnOverlongVarcharInBothModesCountingBytes() {
    for (boolean strict : new boolean[] {true, false}) {
      SourceColumns columns = SourceColumns.ofTable(table("id INT", "name VARCHAR(5)"));
      RecordDecoder decoder = RecordDecoders.csv(utf8(","), strict, columns);
      DecodeFixture.Rejects sink = new DecodeFixture.Rejects();
      try (SourceBatch batch = new SourceBatch(columns, allocator, 4)) {
        assertThat(decoder.decode(utf8("1,äöü"), batch, sink)).isZero();
        assertThat(decoder.decode(utf8("2,äö"), batch, sink)).isEqualTo(1);
        batch.finish();
        assertThat(sink.reasons)
            .containsExactly(
                "column 'name' value 'äöü' is 6 bytes, longer than the 5 bytes of VARCHAR(5)");
        assertThat(column(batch, "name")).containsExactly("äö");
      }
    }
  }

  @Test
  void cutsLongValuesInReasons() {
    SourceColumns columns = SourceColumns.ofTable(table("v INT"));
    RecordDecoder decoder = RecordDecoders.csv(utf8(","), true, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 4)) {
      decoder.decode(utf8("é".repeat(300)), batch, rejects);
      assertThat(rejects.last())
          .isEqualTo("column 'v' value '" + "é".repeat(100) + "...' cannot be converted to INT");
    }
  }

  @Test
  void rollsBackARejectedRowSoTheNextRowIsIntact() {
    SourceColumns columns =
        SourceColumns.ofTable(table("name VARCHAR(20)", "id INT NOT NULL", "note STRING"));
    RecordDecoder decoder = RecordDecoders.csv(utf8(","), true, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 2)) {
      decoder.decode(utf8("first,1,a"), batch, rejects);
      // Both strings are written before the id fails.
      decoder.decode(utf8("rejected-name,x,rejected-note"), batch, rejects);
      decoder.decode(utf8("\\N,3,\\N"), batch, rejects);
      decoder.decode(utf8("rejected,\\N,z"), batch, rejects);
      decoder.decode(utf8("fourth,4,d"), batch, rejects);
      batch.finish();
      assertThat(rejects.count()).isEqualTo(2);
      assertThat(column(batch, "name")).containsExactly("first", null, "fourth");
      assertThat(column(batch, "id")).containsExactly(1, 3, 4);
      assertThat(column(batch, "note")).containsExactly("a", null, "d");
    }
  }

  @Test
  void acceptsInvalidUtf8OnlyWhereNoStringIsNeeded() {
    SourceColumns columns = SourceColumns.ofTable(table("id INT", "name STRING"));
    RecordDecoder decoder = RecordDecoders.csv(utf8(","), true, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 4)) {
      byte[] bad = {'1', ',', 'a', (byte) 0xFF};
      assertThat(decoder.decode(bad, batch, rejects)).isZero();
      assertThat(rejects.last())
          .isEqualTo("column 'name' value 'a\uFFFD' cannot be converted to STRING");
      assertThat(decoder.decode("2,ok".getBytes(StandardCharsets.UTF_8), batch, rejects))
          .isEqualTo(1);
    }
  }
}
