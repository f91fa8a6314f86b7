package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.KafkaBroker;
import dev.sluice.testing.SchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.NameValidator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's Avro example end to end: schemas registered over HTTP in Apicurio Registry (a real,
 * third-party registry), records written by Avro's own encoder in the Confluent wire format to a
 * real Kafka broker, a worker process fetching the writer schemas and writing Parquet to a real S3
 * API server, read back by DuckDB. The topic's schema changes in the middle, and one record names a
 * schema id the registry does not know.
 */
class AvroLoadIT {

  /**
   * The seed's avro_schema.avsc, but for one symbol: the seed's AIR-PRESSURE is not a valid Avro
   * name and real registries refuse the schema (Apicurio: "Failed to discover artifact type"), so
   * it is AIR_PRESSURE here. Decoding a schema with such a name is covered by AvroDecoderTest.
   */
  private static final String SENSOR_V1 =
      """
      {"type": "record", "name": "sensor_log", "fields": [
        {"name": "id", "type": "long"},
        {"name": "name", "type": "string"},
        {"name": "checked", "type": "boolean"},
        {"name": "data", "type": "double"},
        {"name": "sensor_type", "type": {"type": "enum", "name": "sensor_type_enum",
           "symbols": ["TEMPERATURE", "HUMIDITY", "AIR_PRESSURE"]}}
      ]}""";

  /** The next version: data becomes optional and a nested location record is added. */
  private static final String SENSOR_V2 =
      """
      {"type": "record", "name": "sensor_log", "fields": [
        {"name": "id", "type": "long"},
        {"name": "name", "type": "string"},
        {"name": "checked", "type": "boolean"},
        {"name": "data", "type": ["null", "double"], "default": null},
        {"name": "sensor_type", "type": {"type": "enum", "name": "sensor_type_enum",
           "symbols": ["TEMPERATURE", "HUMIDITY", "AIR_PRESSURE"]}},
        {"name": "location", "type": ["null", {"type": "record", "name": "place", "fields": [
           {"name": "site", "type": "string"}, {"name": "floor", "type": "int"}]}],
         "default": null}
      ]}""";

  private static SluiceCluster cluster;

  @BeforeAll
  static void start() {
    cluster = new SluiceCluster("avro");
    cluster.startWorker("worker-1");
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void seedSensorLogLoadsAcrossASchemaChangeWithAnUnknownSchemaAsAnErrorRow() throws Exception {
    SchemaRegistry registry = SchemaRegistry.shared();
    Schema v1 = parse(SENSOR_V1);
    Schema v2 = parse(SENSOR_V2);
    int v1Id = registry.register("topic_0-value", SENSOR_V1);
    int v2Id = registry.register("topic_0-value", SENSOR_V2);
    assertThat(v2Id).isNotEqualTo(v1Id);
    int unknownId = 424_242;

    Schema place = v2.getField("location").schema().getTypes().get(1);
    GenericRecord lab = new GenericData.Record(place);
    lab.put("site", "lab");
    lab.put("floor", 3);
    List<byte[]> messages =
        List.of(
            wire(v1Id, sensor(v1, 1, "alpha", true, 21.5, "TEMPERATURE")),
            wire(v1Id, sensor(v1, 2, "beta", false, 40.0, "HUMIDITY")),
            // The producer moves to v2 here.
            wire(v2Id, located(sensor(v2, 3, "gamma", true, null, "AIR_PRESSURE"), lab)),
            wire(unknownId, sensor(v1, 99, "lost", true, 0.0, "TEMPERATURE")),
            wire(v2Id, located(sensor(v2, 4, "delta", false, 7.25, "TEMPERATURE"), null)),
            // A late producer still on v1.
            wire(v1Id, sensor(v1, 5, "epsilon", true, -1.5, "HUMIDITY")));
    produce("topic_0", messages);

    cluster.sql(
        """
        CREATE DATABASE example_db;
        CREATE TABLE example_db.sensor_log (
        `id` bigint NOT NULL COMMENT "sensor id",
        `name` varchar(26) NOT NULL COMMENT "sensor name",
        `checked` boolean NOT NULL COMMENT "checked",
        `data` double NULL COMMENT "sensor data",
        `sensor_type` varchar(26) NOT NULL COMMENT "sensor type",
        `site` varchar(26) NULL COMMENT "where, from v2 on",
        `location` string NULL COMMENT "the whole location record as JSON"
        )
        ENGINE=OLAP
        DUPLICATE KEY (id)
        DISTRIBUTED BY HASH(`id`);
        CREATE ROUTINE LOAD example_db.sensor_log_load_job ON sensor_log
        COLUMNS (id, name, checked, data, sensor_type, site, location)
        PROPERTIES
        (
        "format" = "avro",
        "jsonpaths" = "[\\"$.id\\",\\"$.name\\",\\"$.checked\\",\\"$.data\\",\\"$.sensor_type\\",\\"$.location.site\\",\\"$.location\\"]",
        "max_error_number" = "5"
        )
        FROM KAFKA
        (
        "kafka_broker_list" = "%s",
        "confluent.schema.registry.url" = "%s",
        "kafka_topic" = "topic_0",
        "kafka_partitions" = "0",
        "property.kafka_default_offsets" = "OFFSET_BEGINNING"
        );
        """
            .formatted(KafkaBroker.shared().bootstrapServers(), registry.urlWithCredentials()),
        "");

    Map<String, String> job = awaitLoaded("example_db", "sensor_log_load_job", 6);
    assertThat(job.get("State")).isEqualTo("RUNNING");
    assertThat(job.get("Statistic")).contains("\"errorRows\":1").contains("\"loadedRows\":5");
    assertThat(job.get("CustomProperties"))
        .contains("\"confluent.schema.registry.url\":\"http://******@127.0.0.1:")
        .doesNotContain(registry.urlWithCredentials());

    String errorLog = job.get("ErrorLogUrls");
    assertThat(errorLog).startsWith("s3://").endsWith(".log");
    String log =
        new String(
            cluster.objectBytes(errorLog.substring(errorLog.indexOf('/', 5) + 1)),
            StandardCharsets.UTF_8);
    assertThat(log)
        .contains(
            "offset=3\treason=schema id "
                + unknownId
                + " is not in the schema registry at "
                + registry.url())
        .doesNotContain(registry.urlWithCredentials());

    assertThat(
            cluster.queryTable(
                "sensor_log",
                "SELECT id, name, checked, data, sensor_type, site, location FROM $files"
                    + " ORDER BY id"))
        .containsExactly(
            Arrays.asList(1L, "alpha", true, 21.5, "TEMPERATURE", null, null),
            Arrays.asList(2L, "beta", false, 40.0, "HUMIDITY", null, null),
            Arrays.asList(
                3L, "gamma", true, null, "AIR_PRESSURE", "lab", "{\"site\":\"lab\",\"floor\":3}"),
            Arrays.asList(4L, "delta", false, 7.25, "TEMPERATURE", null, null),
            Arrays.asList(5L, "epsilon", true, -1.5, "HUMIDITY", null, null));
  }

  private static Schema parse(String text) {
    return new Schema.Parser(NameValidator.NO_VALIDATION).parse(text);
  }

  private static GenericRecord sensor(
      Schema schema, long id, String name, boolean checked, Double data, String type) {
    GenericRecord record = new GenericData.Record(schema);
    record.put("id", id);
    record.put("name", name);
    record.put("checked", checked);
    record.put("data", data);
    record.put(
        "sensor_type", new GenericData.EnumSymbol(schema.getField("sensor_type").schema(), type));
    return record;
  }

  private static GenericRecord located(GenericRecord record, GenericRecord location) {
    record.put("location", location);
    return record;
  }

  /** Confluent's wire format: magic byte 0, the schema id big-endian, then Avro binary. */
  private static byte[] wire(int schemaId, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static void produce(String topic, List<byte[]> values) {
    KafkaBroker.shared().produce(topic, 1, values);
  }

  private static Map<String, String> awaitLoaded(String database, String job, long rows) {
    return cluster.awaitJob(
        database,
        job,
        Duration.ofSeconds(90),
        show -> show.get("Statistic").contains("\"totalRows\":" + rows + ","));
  }
}
