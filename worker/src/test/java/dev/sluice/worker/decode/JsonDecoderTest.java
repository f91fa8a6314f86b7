package dev.sluice.worker.decode;

import static dev.sluice.worker.decode.DecodeFixture.column;
import static dev.sluice.worker.decode.DecodeFixture.table;
import static dev.sluice.worker.decode.DecodeFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.storage.schema.TableSchema;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonDecoderTest {

  private static final TableSchema COMMODITIES =
      table(
          "commodity_id VARCHAR(26)",
          "customer_name VARCHAR(26)",
          "country VARCHAR(26)",
          "pay_time BIGINT",
          "price DOUBLE");

  private static final TableSchema CLICKS =
      table("uid INT NOT NULL", "site STRING NOT NULL", "vtime BIGINT NOT NULL");

  private static final String CLICK =
      "{\"uid\": 1, \"site\": \"https://docs.starrocks.io/\", \"vtime\": 1718217035}";

  private final BufferAllocator allocator = new RootAllocator();
  private final DecodeFixture.Rejects rejects = new DecodeFixture.Rejects();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private RecordDecoder decoder(
      Optional<String> jsonPaths,
      Optional<String> jsonRoot,
      boolean stripOuterArray,
      boolean strict,
      SourceColumns columns) {
    return RecordDecoders.create(
        "json",
        RecordDecoders.DEFAULT_SEPARATOR,
        jsonPaths,
        jsonRoot,
        stripOuterArray,
        strict,
        columns);
  }

  @Test
  void decodesTheSeedCommoditiesThroughJsonPaths() {
    SourceColumns columns = SourceColumns.ofTable(COMMODITIES);
    RecordDecoder decoder =
        decoder(
            Optional.of(
                "[\"$.commodity_id\",\"$.customer_name\",\"$.country\",\"$.pay_time\",\"$.price\"]"),
            Optional.empty(),
            false,
            true,
            columns);
    String[] seed = {
      "{\"commodity_id\": \"1\", \"customer_name\": \"Mark Twain\", \"country\": \"US\","
          + "\"pay_time\": 1589191487,\"price\": 875}",
      "{\"commodity_id\": \"2\", \"customer_name\": \"Oscar Wilde\", \"country\": \"UK\","
          + "\"pay_time\": 1589191487,\"price\": 895}",
      "{\"commodity_id\": \"3\", \"customer_name\": \"Antoine de Saint-Exupéry\","
          + "\"country\": \"France\",\"pay_time\": 1589191487,\"price\": 895}",
    };
    try (SourceBatch batch = new SourceBatch(columns, allocator, 8)) {
      for (String message : seed) {
        assertThat(decoder.decode(utf8(message), batch, rejects)).isEqualTo(1);
      }
      batch.finish();
      assertThat(rejects.reasons).isEmpty();
      assertThat(column(batch, "commodity_id")).containsExactly("1", "2", "3");
      assertThat(column(batch, "customer_name"))
          .containsExactly("Mark Twain", "Oscar Wilde", "Antoine de Saint-Exupéry");
      assertThat(column(batch, "country")).containsExactly("US", "UK", "France");
      assertThat(column(batch, "pay_time")).containsExactly(1589191487L, 1589191487L, 1589191487L);
      assertThat(column(batch, "price")).containsExactly(875.0, 895.0, 895.0);
    }
  }

  @Test
  void decodesTheQuickStartClicksByName() {
    SourceColumns columns = SourceColumns.ofTable(CLICKS);
    RecordDecoder decoder = decoder(Optional.empty(), Optional.empty(), false, true, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 8)) {
      assertThat(decoder.decode(utf8(CLICK), batch, rejects)).isEqualTo(1);
      assertThat(
              decoder.decode(
                  utf8(
                      "{\"UID\": 2, \"Site\": \"https://x/\", \"other\": [1, {\"a\": 2}], \"VTime\": 5}"),
                  batch,
                  rejects))
          .isEqualTo(1);
      batch.finish();
      assertThat(rejects.reasons).isEmpty();
      assertThat(column(batch, "uid")).containsExactly(1, 2);
      assertThat(column(batch, "site")).containsExactly("https://docs.starrocks.io/", "https://x/");
      assertThat(column(batch, "vtime")).containsExactly(1718217035L, 5L);
    }
  }

  @Test
  void rejectsAMissingKeyOfANotNullColumn() {
    SourceColumns columns = SourceColumns.ofTable(CLICKS);
    RecordDecoder decoder = decoder(Optional.empty(), Optional.empty(), false, false, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 8)) {
      assertThat(decoder.decode(utf8("{\"site\": \"s\", \"vtime\": 1}"), batch, rejects)).isZero();
      assertThat(
              decoder.decode(
                  utf8("{\"uid\": null, \"site\": \"s\", \"vtime\": 1}"), batch, rejects))
          .isZero();
      assertThat(rejects.reasons)
          .containsExactly(
              "column 'uid' is NOT NULL but the value is NULL",
              "column 'uid' is NOT NULL but the value is NULL");
    }
  }

  @Test
  void loadsNullForMissingKeysOfNullableColumns() {
    SourceColumns columns = SourceColumns.ofTable(table("a INT", "b STRING"));
    RecordDecoder decoder = decoder(Optional.empty(), Optional.empty(), false, true, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 8)) {
      decoder.decode(utf8("{}"), batch, rejects);
      decoder.decode(utf8("{\"b\": \"x\"}"), batch, rejects);
      decoder.decode(utf8("{\"a\": 1, \"b\": null}"), batch, rejects);
      batch.finish();
      assertThat(rejects.reasons).isEmpty();
      assertThat(column(batch, "a")).containsExactly(null, null, 1);
      assertThat(column(batch, "b")).containsExactly(null, "x", null);
    }
  }

  @Test
  void readsNestedPathsAndNestedValuesAsJsonText() {
    TableSchema table =
        table(
            "id INT",
            "name VARCHAR(20)",
            "first_item STRING",
            "second_sku VARCHAR(10)",
            "odd STRING",
            "customer STRING",
            "items STRING");
    SourceColumns columns = SourceColumns.ofTable(table);
    RecordDecoder decoder =
        decoder(
            Optional.of(
                "[\"$.id\", \"$.customer.name\", \"$.items[0]\", \"$.items[1].sku\","
                    + " \"$['odd.key']\", \"$.customer\", \"$.items\"]"),
            Optional.empty(),
            false,
            true,
            columns);
    String message =
        "{\"id\": 7, \"customer\": {\"name\": \"Ann\", \"tags\": [1, 2]},"
            + " \"items\": [{\"sku\": \"A1\"}, {\"sku\": \"B2\", \"n\": 3}], \"odd.key\": true}";
    try (SourceBatch batch = new SourceBatch(columns, allocator, 8)) {
      assertThat(decoder.decode(utf8(message), batch, rejects)).isEqualTo(1);
      assertThat(decoder.decode(utf8("{\"id\": 8, \"items\": []}"), batch, rejects)).isEqualTo(1);
      batch.finish();
      assertThat(rejects.reasons).isEmpty();
      assertThat(column(batch, "id")).containsExactly(7, 8);
      assertThat(column(batch, "name")).containsExactly("Ann", null);
      assertThat(column(batch, "first_item")).containsExactly("{\"sku\": \"A1\"}", null);
      assertThat(column(batch, "second_sku")).containsExactly("B2", null);
      assertThat(column(batch, "odd")).containsExactly("true", null);
      assertThat(column(batch, "customer"))
          .containsExactly("{\"name\": \"Ann\", \"tags\": [1, 2]}", null);
      assertThat(column(batch, "items"))
          .containsExactly("[{\"sku\": \"A1\"}, {\"sku\": \"B2\", \"n\": 3}]", "[]");
    }
  }

  @Test
  void rejectsANestedValueForANonStringColumn() {
    SourceColumns columns = SourceColumns.ofTable(table("a INT"));
    RecordDecoder decoder = decoder(Optional.empty(), Optional.empty(), false, true, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 8)) {
      assertThat(decoder.decode(utf8("{\"a\": {\"b\": 1}}"), batch, rejects)).isZero();
      assertThat(rejects.last())
          .isEqualTo("column 'a' value '{\"b\": 1}' cannot be converted to INT");
    }
  }

  @Test
  void convertsJsonScalarsFromTheirText() {
    TableSchema table =
        table(
            "flag BOOLEAN",
            "flag_number TINYINT",
            "flag_text VARCHAR(5)",
            "amount DECIMAL(38,9)",
            "amount_text STRING",
            "at DATETIME",
            "escaped STRING");
    SourceColumns columns = SourceColumns.ofTable(table);
    RecordDecoder decoder =
        decoder(
            Optional.of(
                "[\"$.f\", \"$.f\", \"$.f\", \"$.amount\", \"$.amount\", \"$.at\", \"$.escaped\"]"),
            Optional.empty(),
            false,
            true,
            columns);
    String message =
        "{\"f\": true, \"amount\": 12345678901234567890.123456789,"
            + " \"at\": \"2024-06-12T18:30:35.25\", \"escaped\": \"caf\\u00e9 \\\"q\\\" \\ud83d\\ude00\"}";
    try (SourceBatch batch = new SourceBatch(columns, allocator, 8)) {
      assertThat(decoder.decode(utf8(message), batch, rejects)).isEqualTo(1);
      assertThat(decoder.decode(utf8("{\"f\": false, \"amount\": 1.5e2}"), batch, rejects))
          .isEqualTo(1);
      batch.finish();
      assertThat(rejects.reasons).isEmpty();
      assertThat(column(batch, "flag")).containsExactly(true, false);
      assertThat(column(batch, "flag_number")).containsExactly((byte) 1, (byte) 0);
      assertThat(column(batch, "flag_text")).containsExactly("true", "false");
      assertThat(column(batch, "amount"))
          .containsExactly(
              new BigDecimal("12345678901234567890.123456789"), new BigDecimal("150.000000000"));
      assertThat(column(batch, "amount_text"))
          .containsExactly("12345678901234567890.123456789", "1.5e2");
      assertThat(column(batch, "at"))
          .containsExactly(LocalDateTime.of(2024, 6, 12, 18, 30, 35, 250_000_000), null);
      assertThat(column(batch, "escaped")).containsExactly("café \"q\" 😀", null);
    }
  }

  @Test
  void readsIntegersIntoIntegerColumnsAsTheirTextReads() {
    TableSchema table = table("tiny TINYINT", "small SMALLINT", "whole INT", "big BIGINT");
    SourceColumns columns = SourceColumns.ofTable(table);
    RecordDecoder strict = decoder(Optional.empty(), Optional.empty(), false, true, columns);
    RecordDecoder lenient = decoder(Optional.empty(), Optional.empty(), false, false, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 16)) {
      assertThat(
              strict.decode(
                  utf8(
                      "{\"tiny\": -128, \"small\": 32767, \"whole\": -0,"
                          + " \"big\": 999999999999999999}"),
                  batch,
                  rejects))
          .isEqualTo(1);
      // 19 and 20 characters: read from the text rather than by the parser.
      assertThat(strict.decode(utf8("{\"tiny\": 0, \"big\": 9223372036854775807}"), batch, rejects))
          .isEqualTo(1);
      assertThat(strict.decode(utf8("{\"big\": -9223372036854775808}"), batch, rejects))
          .isEqualTo(1);
      assertThat(strict.decode(utf8("{\"tiny\": 128}"), batch, rejects)).isZero();
      assertThat(strict.decode(utf8("{\"whole\": -2147483649}"), batch, rejects)).isZero();
      assertThat(strict.decode(utf8("{\"big\": 9223372036854775808}"), batch, rejects)).isZero();
      assertThat(strict.decode(utf8("{\"small\": 1.0}"), batch, rejects)).isZero();
      assertThat(lenient.decode(utf8("{\"small\": -32769, \"big\": 7}"), batch, rejects))
          .isEqualTo(1);
      batch.finish();
      assertThat(rejects.reasons)
          .containsExactly(
              "column 'tiny' value '128' cannot be converted to TINYINT",
              "column 'whole' value '-2147483649' cannot be converted to INT",
              "column 'big' value '9223372036854775808' cannot be converted to BIGINT",
              "column 'small' value '1.0' cannot be converted to SMALLINT");
      assertThat(column(batch, "tiny")).containsExactly((byte) -128, (byte) 0, null, null);
      assertThat(column(batch, "small")).containsExactly((short) 32767, null, null, null);
      assertThat(column(batch, "whole")).containsExactly(0, null, null, null);
      assertThat(column(batch, "big"))
          .containsExactly(999999999999999999L, Long.MAX_VALUE, Long.MIN_VALUE, 7L);
    }
  }

  @Test
  void treatsALoneSurrogateAsAValueThatDoesNotConvert() {
    SourceColumns columns = SourceColumns.ofTable(table("s STRING"));
    RecordDecoder decoder = decoder(Optional.empty(), Optional.empty(), false, false, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 8)) {
      assertThat(decoder.decode(utf8("{\"s\": \"a\\ud800b\"}"), batch, rejects)).isEqualTo(1);
      batch.finish();
      assertThat(column(batch, "s")).containsExactly((Object) null);
    }
  }

  @Test
  void stripsTheOuterArrayIntoSeveralRows() {
    SourceColumns columns = SourceColumns.ofTable(CLICKS);
    RecordDecoder decoder = decoder(Optional.empty(), Optional.empty(), true, true, columns);
    String message =
        "["
            + CLICK
            + ", {\"uid\": 2, \"site\": \"b\", \"vtime\": 2}, {\"uid\": 3, \"site\": \"c\", \"vtime\": 3}]";
    try (SourceBatch batch = new SourceBatch(columns, allocator, 8)) {
      assertThat(decoder.decode(utf8(message), batch, rejects)).isEqualTo(3);
      assertThat(decoder.decode(utf8("[]"), batch, rejects)).isZero();
      batch.finish();
      assertThat(rejects.reasons).isEmpty();
      assertThat(column(batch, "uid")).containsExactly(1, 2, 3);
      assertThat(column(batch, "site")).containsExactly("https://docs.starrocks.io/", "b", "c");
    }
  }

  @Test
  void rejectsOnlyTheBadElementsOfAnOuterArray() {
    SourceColumns columns = SourceColumns.ofTable(CLICKS);
    RecordDecoder decoder = decoder(Optional.empty(), Optional.empty(), true, true, columns);
    byte[] message =
        utf8(
            "[{\"uid\": 1, \"site\": \"a\", \"vtime\": 1},"
                + " {\"uid\": \"two\", \"site\": \"b\", \"vtime\": 2},"
                + " 17,"
                + " {\"uid\": 4, \"site\": \"d\", \"vtime\": 4}]");
    try (SourceBatch batch = new SourceBatch(columns, allocator, 8)) {
      assertThat(decoder.decode(message, batch, rejects)).isEqualTo(2);
      batch.finish();
      assertThat(rejects.reasons)
          .containsExactly(
              "element 2 of the outer array: column 'uid' value 'two' cannot be converted to INT",
              "element 3 of the outer array: expected a JSON object but found a number");
      assertThat(rejects.values).allSatisfy(value -> assertThat(value).isSameAs(message));
      assertThat(column(batch, "uid")).containsExactly(1, 4);
      assertThat(column(batch, "site")).containsExactly("a", "d");
    }
  }

  @Test
  void readsFromJsonRoot() {
    SourceColumns columns = SourceColumns.ofTable(table("a INT", "b STRING"));
    RecordDecoder stripping =
        decoder(Optional.empty(), Optional.of("$.RECORDS"), true, true, columns);
    RecordDecoder single =
        decoder(
            Optional.of("[\"$.a\", \"$.inner.b\"]"),
            Optional.of("$.data[1]"),
            false,
            true,
            columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 8)) {
      assertThat(
              stripping.decode(
                  utf8(
                      "{\"before\": {\"RECORDS\": 0}, \"RECORDS\": [{\"a\": 1, \"b\": \"x\"}, {\"a\": 2}],"
                          + " \"after\": [1, 2]}"),
                  batch,
                  rejects))
          .isEqualTo(2);
      assertThat(
              single.decode(
                  utf8("{\"data\": [{\"a\": 9}, {\"a\": 3, \"inner\": {\"b\": \"y\"}}]}"),
                  batch,
                  rejects))
          .isEqualTo(1);
      batch.finish();
      assertThat(rejects.reasons).isEmpty();
      assertThat(column(batch, "a")).containsExactly(1, 2, 3);
      assertThat(column(batch, "b")).containsExactly("x", null, "y");

      assertThat(stripping.decode(utf8("{\"records\": []}"), batch, rejects)).isZero();
      assertThat(stripping.decode(utf8("{\"RECORDS\": {\"a\": 1}}"), batch, rejects)).isZero();
      assertThat(rejects.reasons)
          .containsExactly(
              "json_root '$.RECORDS' is not in the message",
              "strip_outer_array is set but the value at json_root '$.RECORDS' is an object, not an array");
    }
  }

  @Test
  void rejectsAnArrayWithoutStripOuterArray() {
    SourceColumns columns = SourceColumns.ofTable(CLICKS);
    RecordDecoder decoder = decoder(Optional.empty(), Optional.empty(), false, true, columns);
    RecordDecoder stripping = decoder(Optional.empty(), Optional.empty(), true, true, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 8)) {
      decoder.decode(utf8("[" + CLICK + "]"), batch, rejects);
      decoder.decode(utf8("\"just a string\""), batch, rejects);
      stripping.decode(utf8(CLICK), batch, rejects);
      assertThat(rejects.reasons)
          .containsExactly(
              "expected a JSON object but found an array"
                  + " (set strip_outer_array to load an array of objects)",
              "expected a JSON object but found a string",
              "strip_outer_array is set but the message is an object, not an array");
      assertThat(batch.rowCount()).isZero();
    }
  }

  @Test
  void rejectsHostileInputsWithAReasonAndKeepsWorking() {
    SourceColumns columns = SourceColumns.ofTable(CLICKS);
    RecordDecoder decoder = decoder(Optional.empty(), Optional.empty(), false, true, columns);
    RecordDecoder stripping = decoder(Optional.empty(), Optional.empty(), true, true, columns);
    byte[] invalidUtf8 = utf8("{\"uid\": 1, \"site\": \"ab\", \"vtime\": 1}");
    invalidUtf8[20] = (byte) 0xFF;
    byte[] deep = utf8("[".repeat(10_000) + "]".repeat(10_000));
    byte[] deepInside =
        utf8("{\"uid\": 1, \"x\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}");
    byte[] hugeString =
        utf8("{\"uid\": 1, \"site\": \"" + "x".repeat(10 << 20) + "\", \"vtime\": 1}");

    List<String> expectedPrefixes =
        List.of(
            "empty message",
            "empty message",
            "malformed JSON: Unexpected character ('}'",
            "malformed JSON: Unexpected end-of-input",
            "malformed JSON: Unexpected end-of-input",
            "malformed JSON: Unrecognized token 'not'",
            "malformed JSON: Invalid UTF-8 start byte 0xff",
            "malformed JSON: more than one JSON value in the message",
            "malformed JSON: Unrecognized token 'x'",
            "JSON exceeds a limit: Document nesting depth (101) exceeds the maximum allowed (100",
            "JSON exceeds a limit: Document nesting depth (101) exceeds the maximum allowed (100",
            "JSON exceeds a limit: String value length",
            "expected a JSON object but found null");
    try (SourceBatch batch = new SourceBatch(columns, allocator, 8)) {
      List<byte[]> hostile =
          Arrays.asList(
              null,
              utf8("  \n"),
              utf8("{\"uid\": }"),
              utf8("{\"uid\": 1, \"site\": \"x\""),
              utf8("{\"uid\": 1, \"site\": \"unterminated"),
              utf8("not json"),
              invalidUtf8,
              utf8(CLICK + " " + CLICK),
              utf8(CLICK + "x"),
              deep,
              deepInside,
              hugeString,
              utf8("null"));
      for (byte[] message : hostile) {
        assertThat(decoder.decode(message, batch, rejects)).isZero();
        assertThat(decoder.decode(utf8(CLICK), batch, rejects)).isEqualTo(1);
      }
      assertThat(rejects.count()).isEqualTo(expectedPrefixes.size());
      for (int i = 0; i < expectedPrefixes.size(); i++) {
        assertThat(rejects.reasons.get(i)).as("message %d", i).startsWith(expectedPrefixes.get(i));
        assertThat(rejects.reasons.get(i).length())
            .isLessThanOrEqualTo(Reasons.MAX_REASON_CHARS + 3);
      }

      // A message failing part-way through an outer array loads none of its rows.
      int before = batch.rowCount();
      assertThat(stripping.decode(utf8("[" + CLICK + ", " + CLICK + ", {"), batch, rejects))
          .isZero();
      assertThat(rejects.last()).startsWith("malformed JSON: Unexpected end-of-input");
      assertThat(stripping.decode(utf8("[" + CLICK + "]"), batch, rejects)).isEqualTo(1);
      batch.finish();
      assertThat(batch.rowCount()).isEqualTo(before + 1);
      assertThat(column(batch, "site"))
          .allSatisfy(site -> assertThat(site).isEqualTo("https://docs.starrocks.io/"));
    }
  }

  @Test
  void skipsHugeValuesOfKeysThatAreNotNeeded() {
    SourceColumns columns = SourceColumns.ofTable(CLICKS);
    RecordDecoder decoder = decoder(Optional.empty(), Optional.empty(), false, true, columns);
    byte[] message =
        utf8(
            "{\"uid\": 1, \"blob\": \""
                + "x".repeat(10 << 20)
                + "\", \"site\": \"s\", \"vtime\": 1}");
    try (SourceBatch batch = new SourceBatch(columns, allocator, 8)) {
      assertThat(decoder.decode(message, batch, rejects)).isEqualTo(1);
      assertThat(rejects.reasons).isEmpty();
    }
  }

  @Test
  void loadsNullForALongStringInANumericColumnWhenNotStrict() {
    SourceColumns columns = SourceColumns.ofTable(table("id INT", "price DOUBLE"));
    RecordDecoder decoder = decoder(Optional.empty(), Optional.empty(), true, false, columns);
    String longText = "9".repeat(5000) + "x";
    try (SourceBatch batch = new SourceBatch(columns, allocator, 8)) {
      assertThat(
              decoder.decode(
                  utf8(
                      "[{\"id\": 1, \"price\": \""
                          + longText
                          + "\"}, {\"id\": 2, \"price\": 2.5}]"),
                  batch,
                  rejects))
          .isEqualTo(2);
      batch.finish();
      assertThat(rejects.reasons).isEmpty();
      assertThat(column(batch, "price")).containsExactly(null, 2.5);
    }
  }

  @Test
  void rejectsAnOverlongStringAsAnErrorRowInBothModes() {
    for (boolean strict : new boolean[] {true, false}) {
      SourceColumns columns = SourceColumns.ofTable(table("name VARCHAR(26)", "other STRING"));
      RecordDecoder decoder = decoder(Optional.empty(), Optional.empty(), false, strict, columns);
      DecodeFixture.Rejects sink = new DecodeFixture.Rejects();
      try (SourceBatch batch = new SourceBatch(columns, allocator, 8)) {
        String name = "Antoine de Saint-Exupéry!!";
        assertThat(decoder.decode(utf8("{\"name\": \"" + name + "\"}"), batch, sink)).isZero();
        assertThat(sink.reasons)
            .containsExactly(
                "column 'name' value '"
                    + name
                    + "' is 27 bytes, longer than the 26 bytes of VARCHAR(26)");
      }
    }
  }
}
