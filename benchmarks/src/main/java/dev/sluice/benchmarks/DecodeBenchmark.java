package dev.sluice.benchmarks;

import dev.sluice.storage.schema.TableColumn;
import dev.sluice.storage.schema.TableSchema;
import dev.sluice.testing.SampleRecords;
import dev.sluice.worker.decode.RecordDecoder;
import dev.sluice.worker.decode.RecordDecoders;
import dev.sluice.worker.decode.SourceBatch;
import dev.sluice.worker.decode.SourceColumns;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding Kafka record values into an Arrow batch, per record: the quick start's clicks as JSON
 * (with its jsonpaths) and the seeds' orders as CSV (six fields, one skipped), 4,096 records a
 * batch as the worker does.
 *
 * <p>Run: {@code java --add-opens=java.base/java.nio=ALL-UNNAMED -jar
 * benchmarks/target/benchmarks.jar DecodeBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
public class DecodeBenchmark {
  static final int RECORDS = 4096;

  @Param({"clicks_json", "orders_csv"})
  public String workload;

  private BufferAllocator allocator;
  private RecordDecoder decoder;
  private SourceBatch batch;
  private byte[][] records;

  @Setup(Level.Trial)
  public void setUp() {
    allocator = new RootAllocator();
    Random random = new Random(1);
    records = new byte[RECORDS][];
    SourceColumns columns;
    if (workload.equals("clicks_json")) {
      TableSchema table =
          new TableSchema(
              List.of(
                  TableColumn.of("uid", "BIGINT", false),
                  TableColumn.of("site", "STRING", false),
                  TableColumn.of("vtime", "BIGINT", false)));
      columns = SourceColumns.ofTable(table);
      decoder =
          RecordDecoders.create(
              "json",
              RecordDecoders.DEFAULT_SEPARATOR,
              Optional.of("[\"$.uid\",\"$.site\",\"$.vtime\"]"),
              Optional.empty(),
              false,
              false,
              columns);
      for (int i = 0; i < RECORDS; i++) {
        records[i] =
            SampleRecords.click(random, 1_700_000_000L + i).getBytes(StandardCharsets.UTF_8);
      }
    } else {
      TableSchema table =
          new TableSchema(
              List.of(
                  TableColumn.of("order_id", "BIGINT", false),
                  TableColumn.of("pay_dt", "DATE", false),
                  TableColumn.of("customer_name", "VARCHAR(26)", true),
                  TableColumn.of("nationality", "VARCHAR(26)", true),
                  TableColumn.of("price", "DOUBLE", true)));
      columns =
          SourceColumns.of(
              table,
              List.of(
                  "order_id", "pay_dt", "customer_name", "nationality", "temp_gender", "price"));
      decoder =
          RecordDecoders.create(
              "csv", new byte[] {','}, Optional.empty(), Optional.empty(), false, false, columns);
      for (int i = 0; i < RECORDS; i++) {
        records[i] = SampleRecords.order(random, i).getBytes(StandardCharsets.UTF_8);
      }
    }
    batch = new SourceBatch(columns, allocator, RECORDS);
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public int decode() {
    batch.reset();
    for (byte[] record : records) {
      decoder.decode(
          record,
          batch,
          (reason, value) -> {
            throw new IllegalStateException(reason);
          });
    }
    batch.finish();
    return batch.rowCount();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    batch.close();
    allocator.close();
  }
}
