package dev.sluice.benchmarks;

import dev.sluice.storage.schema.ArrowTypes;
import dev.sluice.storage.schema.TableColumn;
import dev.sluice.storage.schema.TableSchema;
import dev.sluice.storage.tablet.TabletCodec;
import dev.sluice.storage.tablet.TabletWriter;
import dev.sluice.storage.tablet.TabletWriterOptions;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
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
 * Arrow → Parquet: one tablet of the clicks table written from 4,096-row batches, per row, with
 * each codec. Each invocation writes {@value #BATCHES} batches and finishes the file, into a stream
 * that discards the bytes, so only encoding and compression are measured.
 *
 * <p>Run: {@code java --add-opens=java.base/java.nio=ALL-UNNAMED -jar
 * benchmarks/target/benchmarks.jar TabletEncodeBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
public class TabletEncodeBenchmark {
  static final int ROWS = 4096;
  static final int BATCHES = 64;
  private static final List<String> SITES =
      List.of("https://docs.starrocks.io/", "https://www.starrocks.io/blog");

  @Param({"SNAPPY", "ZSTD"})
  public TabletCodec codec;

  private BufferAllocator allocator;
  private TableSchema schema;
  private VectorSchemaRoot batch;
  private TabletWriterOptions options;

  @Setup(Level.Trial)
  public void setUp() {
    allocator = new RootAllocator();
    schema =
        new TableSchema(
            List.of(
                TableColumn.of("uid", "BIGINT", false),
                TableColumn.of("site", "STRING", false),
                TableColumn.of("vtime", "BIGINT", false)));
    batch = VectorSchemaRoot.create(ArrowTypes.schema(schema), allocator);
    Random random = new Random(1);
    BigIntVector uid = (BigIntVector) batch.getVector("uid");
    VarCharVector site = (VarCharVector) batch.getVector("site");
    BigIntVector vtime = (BigIntVector) batch.getVector("vtime");
    for (int row = 0; row < ROWS; row++) {
      uid.setSafe(row, random.nextInt(10_000));
      site.setSafe(row, SITES.get(random.nextInt(SITES.size())).getBytes(StandardCharsets.UTF_8));
      vtime.setSafe(row, 1_700_000_000L + row);
    }
    batch.setRowCount(ROWS);
    options = TabletWriterOptions.defaults().withCodec(codec);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS * BATCHES)
  public long encode() {
    try (TabletWriter writer = new TabletWriter(schema, OutputStream.nullOutputStream(), options)) {
      for (int i = 0; i < BATCHES; i++) {
        writer.write(batch);
      }
      return writer.finish().sizeBytes();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    batch.close();
    allocator.close();
  }
}
