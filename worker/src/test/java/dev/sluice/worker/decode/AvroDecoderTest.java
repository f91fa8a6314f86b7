package dev.sluice.worker.decode;

import static dev.sluice.worker.decode.DecodeFixture.column;
import static dev.sluice.worker.decode.DecodeFixture.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.storage.schema.TableSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Messages are written with Avro's own encoder, so the hand-written reader is checked by it. */
class AvroDecoderTest {

  /** The seed's avro_schema.avsc. */
  static final Schema SENSOR_LOG =
      SchemaRegistryClient.parseSchema(
          """
              {"type": "record", "name": "sensor_log", "fields": [
                {"name": "id", "type": "long"},
                {"name": "name", "type": "string"},
                {"name": "checked", "type": "boolean"},
                {"name": "data", "type": "double"},
                {"name": "sensor_type", "type": {"type": "enum", "name": "sensor_type_enum",
                   "symbols": ["TEMPERATURE", "HUMIDITY", "AIR-PRESSURE"]}}
              ]}""");

  /** The seed's sensor_log table. */
  static final TableSchema SENSOR_TABLE =
      table(
          "id BIGINT NOT NULL",
          "name VARCHAR(26) NOT NULL",
          "checked BOOLEAN NOT NULL",
          "data DOUBLE",
          "sensor_type VARCHAR(26) NOT NULL");

  private static final Schema NESTED =
      SchemaRegistryClient.parseSchema(
          """
              {"type": "record", "name": "event", "fields": [
                {"name": "id", "type": "int"},
                {"name": "location", "type": ["null", {"type": "record", "name": "place",
                  "fields": [{"name": "city", "type": "string"},
                             {"name": "lat", "type": "double"}]}]},
                {"name": "tags", "type": {"type": "array", "items": "string"}},
                {"name": "attrs", "type": {"type": "map", "values": "long"}},
                {"name": "raw", "type": "bytes"},
                {"name": "code", "type": {"type": "fixed", "name": "code3", "size": 3}},
                {"name": "ratio", "type": "float"}
              ]}""");

  private final BufferAllocator allocator = new RootAllocator();
  private final DecodeFixture.Rejects rejects = new DecodeFixture.Rejects();
  private final FakeSchemas schemas = new FakeSchemas();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  @Test
  void decodesTheSeedSensorLogByName() {
    schemas.register(1, SENSOR_LOG);
    SourceColumns columns = SourceColumns.ofTable(SENSOR_TABLE);
    RecordDecoder decoder = RecordDecoders.avro(schemas, Optional.empty(), true, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 8)) {
      assertThat(decoder.decode(message(1, sensor(1, "alpha", true, 21.5, 0)), batch, rejects))
          .isEqualTo(1);
      assertThat(decoder.decode(message(1, sensor(2, "beta", false, -3.25, 2)), batch, rejects))
          .isEqualTo(1);
      batch.finish();
      assertThat(rejects.reasons).isEmpty();
      assertThat(column(batch, "id")).containsExactly(1L, 2L);
      assertThat(column(batch, "name")).containsExactly("alpha", "beta");
      assertThat(column(batch, "checked")).containsExactly(true, false);
      assertThat(column(batch, "data")).containsExactly(21.5, -3.25);
      assertThat(column(batch, "sensor_type")).containsExactly("TEMPERATURE", "AIR-PRESSURE");
    }
    assertThat(schemas.lookups).containsExactly(1);
  }

  @Test
  void eachMessageIsReadWithItsOwnWriterSchema() {
    Schema v1 =
        SchemaRegistryClient.parseSchema(
            """
                {"type": "record", "name": "r", "fields": [
                  {"name": "id", "type": "long"}, {"name": "name", "type": "string"}]}""");
    // v2 adds a nullable field and moves name after it: matching is by name, not position.
    Schema v2 =
        SchemaRegistryClient.parseSchema(
            """
                {"type": "record", "name": "r", "fields": [
                  {"name": "id", "type": "long"},
                  {"name": "score", "type": ["null", "double"], "default": null},
                  {"name": "NAME", "type": "string"}]}""");
    schemas.register(10, v1);
    schemas.register(11, v2);
    TableSchema table = table("id BIGINT NOT NULL", "name STRING", "score DOUBLE");
    SourceColumns columns = SourceColumns.ofTable(table);
    RecordDecoder decoder = RecordDecoders.avro(schemas, Optional.empty(), true, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 8)) {
      decoder.decode(message(10, record(v1, "id", 1L, "name", "a")), batch, rejects);
      decoder.decode(message(11, record(v2, "id", 2L, "score", 0.5, "NAME", "b")), batch, rejects);
      decoder.decode(message(11, record(v2, "id", 3L, "score", null, "NAME", "c")), batch, rejects);
      decoder.decode(message(10, record(v1, "id", 4L, "name", "d")), batch, rejects);
      batch.finish();
      assertThat(rejects.reasons).isEmpty();
      assertThat(column(batch, "id")).containsExactly(1L, 2L, 3L, 4L);
      assertThat(column(batch, "name")).containsExactly("a", "b", "c", "d");
      assertThat(column(batch, "score")).containsExactly(null, 0.5, null, null);
    }
    assertThat(schemas.lookups).containsExactly(10, 11);
  }

  @Test
  void anUnknownSchemaIdIsAnErrorRowAndAskedOnce() {
    schemas.register(1, SENSOR_LOG);
    SourceColumns columns = SourceColumns.ofTable(SENSOR_TABLE);
    RecordDecoder decoder = RecordDecoders.avro(schemas, Optional.empty(), true, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 8)) {
      byte[] unknown = message(99, sensor(1, "x", true, 1, 0));
      assertThat(decoder.decode(unknown, batch, rejects)).isZero();
      assertThat(decoder.decode(unknown, batch, rejects)).isZero();
      assertThat(decoder.decode(message(1, sensor(1, "x", true, 1, 0)), batch, rejects))
          .isEqualTo(1);
      assertThat(batch.rowCount()).isEqualTo(1);
    }
    assertThat(rejects.reasons)
        .containsExactly(
            "schema id 99 is not in the fake registry", "schema id 99 is not in the fake registry");
    assertThat(schemas.lookups).containsExactly(99, 1);
  }

  @Test
  void aRegistryThatCannotAnswerFailsTheTask() {
    schemas.unavailable = true;
    SourceColumns columns = SourceColumns.ofTable(SENSOR_TABLE);
    RecordDecoder decoder = RecordDecoders.avro(schemas, Optional.empty(), true, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 8)) {
      assertThatThrownBy(
              () -> decoder.decode(message(1, sensor(1, "x", true, 1, 0)), batch, rejects))
          .isInstanceOf(SchemaRegistryException.class)
          .hasMessage("the fake registry is down");
      assertThat(batch.rowCount()).isZero();
    }
  }

  @Test
  void rejectsMessagesNotInTheWireFormat() {
    schemas.register(1, SENSOR_LOG);
    SourceColumns columns = SourceColumns.ofTable(SENSOR_TABLE);
    RecordDecoder decoder = RecordDecoders.avro(schemas, Optional.empty(), true, columns);
    byte[] wrongMagic = message(1, sensor(1, "x", true, 1, 0));
    wrongMagic[0] = 1;
    try (SourceBatch batch = new SourceBatch(columns, allocator, 8)) {
      assertThat(decoder.decode(wrongMagic, batch, rejects)).isZero();
      assertThat(decoder.decode(new byte[] {0, 0, 1}, batch, rejects)).isZero();
      assertThat(decoder.decode(null, batch, rejects)).isZero();
      assertThat(batch.rowCount()).isZero();
    }
    assertThat(rejects.reasons)
        .containsExactly(
            "not in the Confluent Avro wire format (magic byte 0, 4-byte schema id, Avro binary):"
                + " found first byte 1",
            "not in the Confluent Avro wire format (magic byte 0, 4-byte schema id, Avro binary):"
                + " found only 3 bytes",
            "empty message");
  }

  @Test
  void rejectsTruncatedAndOverlongMessages() {
    schemas.register(1, SENSOR_LOG);
    SourceColumns columns = SourceColumns.ofTable(SENSOR_TABLE);
    RecordDecoder decoder = RecordDecoders.avro(schemas, Optional.empty(), true, columns);
    byte[] whole = message(1, sensor(1, "sensor", true, 1, 0));
    byte[] truncated = Arrays.copyOf(whole, whole.length - 3);
    byte[] overlong = Arrays.copyOf(whole, whole.length + 2);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 8)) {
      assertThat(decoder.decode(truncated, batch, rejects)).isZero();
      assertThat(decoder.decode(overlong, batch, rejects)).isZero();
      assertThat(decoder.decode(whole, batch, rejects)).isEqualTo(1);
      batch.finish();
      assertThat(column(batch, "name")).containsExactly("sensor");
    }
    assertThat(rejects.reasons)
        .containsExactly(
            "malformed Avro for schema id 1: the message ends in the middle of a value",
            "2 bytes are left after the record: the message does not match schema id 1");
  }

  @Test
  void jsonPathsReachIntoRecordsArraysAndMapsOrTakeThemWhole() {
    schemas.register(7, NESTED);
    TableSchema table =
        table(
            "id INT",
            "city VARCHAR(20)",
            "location STRING",
            "tags STRING",
            "second_tag STRING",
            "attrs STRING",
            "color BIGINT",
            "raw STRING",
            "code STRING",
            "ratio FLOAT");
    SourceColumns columns = SourceColumns.ofTable(table);
    RecordDecoder decoder =
        RecordDecoders.avro(
            schemas,
            Optional.of(
                "[\"$.id\", \"$.location.city\", \"$.location\", \"$.tags\", \"$.tags[1]\","
                    + " \"$.attrs\", \"$.attrs.color\", \"$.raw\", \"$.code\", \"$.ratio\"]"),
            true,
            columns);
    GenericRecord place =
        new GenericData.Record(NESTED.getField("location").schema().getTypes().get(1));
    place.put("city", "Zürich \"old\"");
    place.put("lat", 47.5);
    Map<String, Long> attrs = new LinkedHashMap<>();
    attrs.put("size", 3L);
    attrs.put("color", 7L);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 8)) {
      decoder.decode(
          message(
              7,
              record(
                  NESTED,
                  "id",
                  5,
                  "location",
                  place,
                  "tags",
                  List.of("a", "b", "c"),
                  "attrs",
                  attrs,
                  "raw",
                  ByteBuffer.wrap("bytes!".getBytes(StandardCharsets.UTF_8)),
                  "code",
                  new GenericData.Fixed(
                      NESTED.getField("code").schema(), new byte[] {'x', 'y', 'z'}),
                  "ratio",
                  0.25f)),
          batch,
          rejects);
      decoder.decode(
          message(
              7,
              record(
                  NESTED,
                  "id",
                  6,
                  "location",
                  null,
                  "tags",
                  List.of(),
                  "attrs",
                  Map.of(),
                  "raw",
                  ByteBuffer.wrap(new byte[0]),
                  "code",
                  new GenericData.Fixed(
                      NESTED.getField("code").schema(), new byte[] {'a', 'b', 'c'}),
                  "ratio",
                  -1.5f)),
          batch,
          rejects);
      batch.finish();
      assertThat(rejects.reasons).isEmpty();
      assertThat(column(batch, "id")).containsExactly(5, 6);
      assertThat(column(batch, "city")).containsExactly("Zürich \"old\"", null);
      assertThat(column(batch, "location"))
          .containsExactly("{\"city\":\"Zürich \\\"old\\\"\",\"lat\":47.5}", null);
      assertThat(column(batch, "tags")).containsExactly("[\"a\",\"b\",\"c\"]", "[]");
      assertThat(column(batch, "second_tag")).containsExactly("b", null);
      assertThat(column(batch, "attrs")).containsExactly("{\"size\":3,\"color\":7}", "{}");
      assertThat(column(batch, "color")).containsExactly(7L, null);
      assertThat(column(batch, "raw")).containsExactly("bytes!", "");
      assertThat(column(batch, "code")).containsExactly("xyz", "abc");
      assertThat(column(batch, "ratio")).containsExactly(0.25f, -1.5f);
    }
  }

  @Test
  void convertsValuesToOtherColumnTypesLikeText() {
    Schema schema =
        SchemaRegistryClient.parseSchema(
            """
                {"type": "record", "name": "r", "fields": [
                  {"name": "small", "type": "long"}, {"name": "amount", "type": "double"},
                  {"name": "flag", "type": "boolean"}, {"name": "text", "type": "long"},
                  {"name": "number", "type": "string"}]}""");
    schemas.register(3, schema);
    TableSchema table =
        table(
            "small TINYINT",
            "amount DECIMAL(10,2)",
            "flag INT",
            "text VARCHAR(30)",
            "number BIGINT");
    SourceColumns columns = SourceColumns.ofTable(table);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 8)) {
      RecordDecoder lenient = RecordDecoders.avro(schemas, Optional.empty(), false, columns);
      lenient.decode(
          message(
              3,
              record(
                  schema, "small", 12L, "amount", 3.5, "flag", true, "text", -42L, "number", "17")),
          batch,
          rejects);
      lenient.decode(
          message(
              3,
              record(
                  schema,
                  "small",
                  300L,
                  "amount",
                  1e-3,
                  "flag",
                  false,
                  "text",
                  Long.MIN_VALUE,
                  "number",
                  "x")),
          batch,
          rejects);
      RecordDecoder strict = RecordDecoders.avro(schemas, Optional.empty(), true, columns);
      strict.decode(
          message(
              3,
              record(
                  schema, "small", 300L, "amount", 1.0, "flag", true, "text", 0L, "number", "1")),
          batch,
          rejects);
      batch.finish();
      assertThat(column(batch, "small")).containsExactly((byte) 12, null);
      assertThat(column(batch, "amount"))
          .containsExactly(new BigDecimal("3.50"), new BigDecimal("0.00"));
      assertThat(column(batch, "flag")).containsExactly(1, 0);
      assertThat(column(batch, "text")).containsExactly("-42", "-9223372036854775808");
      assertThat(column(batch, "number")).containsExactly(17L, null);
    }
    assertThat(rejects.reasons)
        .containsExactly("column 'small' value '300' cannot be converted to TINYINT");
  }

  @Test
  void aMissingFieldInANotNullColumnIsAnErrorRow() {
    Schema noName =
        SchemaRegistryClient.parseSchema(
            """
                {"type": "record", "name": "r", "fields": [{"name": "id", "type": "long"}]}""");
    schemas.register(4, noName);
    SourceColumns columns = SourceColumns.ofTable(SENSOR_TABLE);
    RecordDecoder decoder = RecordDecoders.avro(schemas, Optional.empty(), true, columns);
    try (SourceBatch batch = new SourceBatch(columns, allocator, 8)) {
      assertThat(decoder.decode(message(4, record(noName, "id", 1L)), batch, rejects)).isZero();
      assertThat(batch.rowCount()).isZero();
    }
    assertThat(rejects.reasons).containsExactly("column 'name' is NOT NULL but the value is NULL");
  }

  @Test
  void aRecordWithNoMatchingFieldLoadsNullsButIsStillChecked() {
    Schema other =
        SchemaRegistryClient.parseSchema(
            """
                {"type": "record", "name": "r", "fields": [{"name": "other", "type": "string"}]}""");
    schemas.register(5, other);
    TableSchema table = table("id BIGINT");
    SourceColumns columns = SourceColumns.ofTable(table);
    RecordDecoder decoder = RecordDecoders.avro(schemas, Optional.empty(), true, columns);
    byte[] good = message(5, record(other, "other", "hello"));
    try (SourceBatch batch = new SourceBatch(columns, allocator, 8)) {
      assertThat(decoder.decode(good, batch, rejects)).isEqualTo(1);
      assertThat(decoder.decode(Arrays.copyOf(good, good.length - 1), batch, rejects)).isZero();
      batch.finish();
      assertThat(column(batch, "id")).containsExactly((Object) null);
    }
    assertThat(rejects.reasons)
        .containsExactly(
            "malformed Avro for schema id 5: a length of 5 bytes does not fit the 4 bytes left");
  }

  static GenericRecord sensor(long id, String name, boolean checked, double data, int type) {
    Schema enumSchema = SENSOR_LOG.getField("sensor_type").schema();
    return record(
        SENSOR_LOG,
        "id",
        id,
        "name",
        name,
        "checked",
        checked,
        "data",
        data,
        "sensor_type",
        new GenericData.EnumSymbol(enumSchema, enumSchema.getEnumSymbols().get(type)));
  }

  static GenericRecord record(Schema schema, Object... namesAndValues) {
    GenericRecord record = new GenericData.Record(schema);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      record.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return record;
  }

  /** The Confluent wire format: magic byte 0, big-endian schema id, Avro binary. */
  static byte[] message(int schemaId, GenericRecord record) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(0);
      out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Schemas by id, counting lookups. */
  private static final class FakeSchemas implements AvroSchemas {
    final Map<Integer, Schema> byId = new HashMap<>();
    final List<Integer> lookups = new java.util.ArrayList<>();
    boolean unavailable;

    void register(int id, Schema schema) {
      byId.put(id, schema);
    }

    @Override
    public Schema find(int id) {
      if (unavailable) {
        throw new SchemaRegistryException("the fake registry is down");
      }
      lookups.add(id);
      Schema schema = byId.get(id);
      if (schema == null) {
        throw new UnknownSchemaException("schema id " + id + " is not in the fake registry");
      }
      return schema;
    }
  }
}
