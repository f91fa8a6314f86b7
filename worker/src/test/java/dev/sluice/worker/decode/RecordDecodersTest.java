package dev.sluice.worker.decode;

import static dev.sluice.worker.decode.DecodeFixture.table;
import static dev.sluice.worker.decode.DecodeFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

class RecordDecodersTest {

  private static final SourceColumns COLUMNS =
      SourceColumns.ofTable(table("a INT", "b STRING", "c DOUBLE"));

  @Test
  void createsADecoderPerFormat() {
    assertThat(
            RecordDecoders.create(
                "CSV", utf8(","), Optional.empty(), Optional.empty(), false, true, COLUMNS))
        .isInstanceOf(CsvDecoder.class);
    assertThat(
            RecordDecoders.create(
                "json",
                RecordDecoders.DEFAULT_SEPARATOR,
                Optional.of("[\"$.a\", \"$.b\", \"$.c\"]"),
                Optional.of("$.data"),
                true,
                false,
                COLUMNS))
        .isInstanceOf(JsonDecoder.class);
  }

  @Test
  void rejectsAnUnknownFormat() {
    assertThatThrownBy(
            () ->
                RecordDecoders.create(
                    "xml", utf8(","), Optional.empty(), Optional.empty(), false, true, COLUMNS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unsupported format 'xml': expected csv, json or avro");
  }

  @Test
  void avroNeedsASchemaRegistry() {
    assertThatThrownBy(
            () ->
                RecordDecoders.create(
                    "avro", utf8(","), Optional.empty(), Optional.empty(), false, true, COLUMNS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("format avro needs \"confluent.schema.registry.url\" in FROM KAFKA");
  }

  @Test
  void createsAnAvroDecoderWithARegistryUrl() {
    assertThat(
            RecordDecoders.create(
                "AVRO",
                utf8(","),
                Optional.empty(),
                Optional.empty(),
                false,
                true,
                Optional.of("http://key:secret@127.0.0.1:8081/"),
                COLUMNS))
        .isInstanceOf(AvroDecoder.class);
  }

  @Test
  void rejectsJsonRootForAvro() {
    assertThatThrownBy(
            () ->
                RecordDecoders.create(
                    "avro",
                    utf8(","),
                    Optional.empty(),
                    Optional.of("$.data"),
                    false,
                    true,
                    Optional.of("http://127.0.0.1:8081"),
                    COLUMNS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("json_root and strip_outer_array apply only to format json, not avro");
  }

  @Test
  void rejectsJsonPropertiesForCsv() {
    assertThatThrownBy(
            () ->
                RecordDecoders.create(
                    "csv",
                    utf8(","),
                    Optional.of("[\"$.a\"]"),
                    Optional.empty(),
                    false,
                    true,
                    COLUMNS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "jsonpaths, json_root and strip_outer_array apply only to format json, not csv");
  }

  @Test
  void rejectsSeparatorsOfTheWrongLength() {
    assertThatThrownBy(() -> RecordDecoders.csv(new byte[0], true, COLUMNS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column_separator must be 1 to 50 bytes, but it is 0");
    assertThatThrownBy(() -> RecordDecoders.csv(new byte[51], true, COLUMNS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column_separator must be 1 to 50 bytes, but it is 51");
    assertThat(RecordDecoders.csv(new byte[50], true, COLUMNS)).isNotNull();
  }

  @Test
  void parsesColumnSeparators() {
    assertThat(RecordDecoders.parseColumnSeparator("\\x01")).containsExactly(1);
    assertThat(RecordDecoders.parseColumnSeparator("\\x0102")).containsExactly(1, 2);
    assertThat(RecordDecoders.parseColumnSeparator("||")).containsExactly('|', '|');
    assertThat(RecordDecoders.parseColumnSeparator("分隔")).isEqualTo(utf8("分隔"));
    assertThat(RecordDecoders.parseColumnSeparator("\\xZZ")).isEqualTo(utf8("\\xZZ"));
    assertThatThrownBy(() -> RecordDecoders.parseColumnSeparator(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column_separator must be 1 to 50 bytes, but it is 0");
    assertThatThrownBy(() -> RecordDecoders.parseColumnSeparator("分".repeat(17)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column_separator must be 1 to 50 bytes, but it is 51");
  }

  @Test
  void rejectsBadJsonPaths() {
    assertThatThrownBy(
            () ->
                RecordDecoders.json(
                    Optional.of("[\"$.a\", \"$.b\"]"), Optional.empty(), false, true, COLUMNS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "jsonpaths has 2 paths but there are 3 columns; the i-th path feeds the i-th column");
    assertThatThrownBy(
            () ->
                RecordDecoders.json(
                    Optional.of("[\"$.a\", \"$.b[*]\", \"$.c\"]"),
                    Optional.empty(),
                    false,
                    true,
                    COLUMNS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid jsonpath '$.b[*]': wildcards, filters, slices and negative indexes are not supported");
    assertThatThrownBy(
            () -> RecordDecoders.json(Optional.of("$.a"), Optional.empty(), false, true, COLUMNS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "jsonpaths must be a JSON array of paths such as [\"$.id\", \"$.customer.name\"], but it is not valid JSON");
  }

  @Test
  void refusesABatchOfOtherColumns() {
    RecordDecoder decoder = RecordDecoders.csv(utf8(","), true, COLUMNS);
    SourceColumns other = SourceColumns.ofTable(table("x INT"));
    try (RootAllocator allocator = new RootAllocator();
        SourceBatch batch = new SourceBatch(other, allocator, 4)) {
      assertThatThrownBy(() -> decoder.decode(utf8("1"), batch, (reason, value) -> {}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "the batch holds source columns "
                  + other.columns()
                  + " but the decoder was built for "
                  + COLUMNS.columns());
    }
  }

  @Test
  void rejectsABadJsonRoot() {
    assertThatThrownBy(
            () ->
                RecordDecoders.json(Optional.empty(), Optional.of("RECORDS"), false, true, COLUMNS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("json_root: invalid jsonpath 'RECORDS': it must start with '$'");
  }
}
