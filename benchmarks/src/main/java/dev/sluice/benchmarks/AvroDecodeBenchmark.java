package dev.sluice.benchmarks;

import dev.sluice.storage.schema.TableColumn;
import dev.sluice.storage.schema.TableSchema;
import dev.sluice.worker.decode.RecordDecoder;
import dev.sluice.worker.decode.RecordDecoders;
import dev.sluice.worker.decode.RejectSink;
import dev.sluice.worker.decode.SchemaRegistryClient;
import dev.sluice.worker.decode.SourceBatch;
import dev.sluice.worker.decode.SourceColumns;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding the seed's sensor_log records into Arrow, per record: Sluice's Avro reader on Confluent
 * wire-format messages, the JSON decoder on the same records as JSON for comparison, and Avro's own
 * {@code GenericDatumReader} (objects only, no Arrow) as the library baseline.
 *
 * <p>Run: {@code java --add-opens=java.base/java.nio=ALL-UNNAMED -jar
 * benchmarks/target/benchmarks.jar AvroDecodeBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
public class AvroDecodeBenchmark {
  static final int RECORDS = 4096;
  static final int SCHEMA_ID = 1;

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

  private static final RejectSink NO_REJECTS =
      (reason, value) -> {
        throw new IllegalStateException("unexpected error row: " + reason);
      };

  private BufferAllocator allocator;
  private SourceBatch batch;
  private RecordDecoder avro;
  private RecordDecoder json;
  private byte[][] avroMessages;
  private byte[][] jsonMessages;
  private GenericDatumReader<GenericRecord> genericReader;
  private BinaryDecoder binaryDecoder;
  private GenericRecord reuse;

  @Setup(Level.Trial)
  public void setUp() {
    allocator = new RootAllocator();
    TableSchema table =
        new TableSchema(
            List.of(
                TableColumn.of("id", "BIGINT", false),
                TableColumn.of("name", "VARCHAR(26)", false),
                TableColumn.of("checked", "BOOLEAN", false),
                TableColumn.of("data", "DOUBLE", true),
                TableColumn.of("sensor_type", "VARCHAR(26)", false)));
    SourceColumns columns = SourceColumns.ofTable(table);
    batch = new SourceBatch(columns, allocator, RECORDS);
    avro = RecordDecoders.avro(id -> SENSOR_LOG, Optional.empty(), false, columns);
    json =
        RecordDecoders.create(
            "json",
            RecordDecoders.DEFAULT_SEPARATOR,
            Optional.empty(),
            Optional.empty(),
            false,
            false,
            columns);
    avroMessages = new byte[RECORDS][];
    jsonMessages = new byte[RECORDS][];
    List<String> types = SENSOR_LOG.getField("sensor_type").schema().getEnumSymbols();
    for (int i = 0; i < RECORDS; i++) {
      GenericRecord record = new GenericData.Record(SENSOR_LOG);
      record.put("id", 1_000_000L + i);
      record.put("name", "sensor-" + i);
      record.put("checked", i % 2 == 0);
      record.put("data", i * 0.25);
      record.put(
          "sensor_type",
          new GenericData.EnumSymbol(
              SENSOR_LOG.getField("sensor_type").schema(), types.get(i % 3)));
      avroMessages[i] = wire(record);
      jsonMessages[i] =
          ("{\"id\":"
                  + (1_000_000L + i)
                  + ",\"name\":\"sensor-"
                  + i
                  + "\",\"checked\":"
                  + (i % 2 == 0)
                  + ",\"data\":"
                  + (i * 0.25)
                  + ",\"sensor_type\":\""
                  + types.get(i % 3)
                  + "\"}")
              .getBytes(StandardCharsets.UTF_8);
    }
    genericReader = new GenericDatumReader<>(SENSOR_LOG);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    batch.close();
    allocator.close();
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public int sluiceAvroIntoArrow() {
    return decodeAll(avro, avroMessages);
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public int sluiceJsonIntoArrow() {
    return decodeAll(json, jsonMessages);
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void avroGenericDatumReader(Blackhole hole) throws IOException {
    for (byte[] message : avroMessages) {
      binaryDecoder =
          DecoderFactory.get().binaryDecoder(message, 5, message.length - 5, binaryDecoder);
      reuse = genericReader.read(reuse, binaryDecoder);
      hole.consume(reuse);
    }
  }

  private int decodeAll(RecordDecoder decoder, byte[][] messages) {
    batch.reset();
    int rows = 0;
    for (byte[] message : messages) {
      rows += decoder.decode(message, batch, NO_REJECTS);
    }
    batch.finish();
    return rows;
  }

  private static byte[] wire(GenericRecord record) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(0);
      out.write(ByteBuffer.allocate(4).putInt(SCHEMA_ID).array());
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<GenericRecord>(SENSOR_LOG).write(record, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
