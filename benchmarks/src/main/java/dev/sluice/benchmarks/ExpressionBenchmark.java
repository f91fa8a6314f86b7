package dev.sluice.benchmarks;

import dev.sluice.expr.LoadAnalyzer;
import dev.sluice.expr.LoadTransform;
import dev.sluice.expr.TransformEvaluator;
import dev.sluice.expr.TransformOptions;
import dev.sluice.storage.schema.TableColumn;
import dev.sluice.storage.schema.TableSchema;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
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
 * Throughput of the load transform over one 4,096-row batch: the seed's derived column ({@code
 * pay_dt=from_unixtime(pay_time, '%Y%m%d')} into a DATE), an arithmetic derived column with a WHERE
 * filter, and the plain mapping as the floor. Reported per row.
 *
 * <p>Run: {@code java --add-opens=java.base/java.nio=ALL-UNNAMED -jar
 * benchmarks/target/benchmarks.jar ExpressionBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
public class ExpressionBenchmark {
  static final int ROWS = 4096;

  @Param({"mapping", "from_unixtime", "arithmetic_where"})
  public String workload;

  private BufferAllocator allocator;
  private List<FieldVector> sources;
  private TransformEvaluator evaluator;

  @Setup(Level.Trial)
  public void setUp() {
    allocator = new RootAllocator();
    TableSchema table =
        new TableSchema(
            List.of(
                TableColumn.of("commodity_id", "VARCHAR(26)", true),
                TableColumn.of("pay_time", "BIGINT", true),
                TableColumn.of("pay_dt", "DATE", true),
                TableColumn.of("price", "DOUBLE", true),
                TableColumn.of("total", "DOUBLE", true)));
    String columns;
    String where = "";
    switch (workload) {
      case "mapping" -> columns = "commodity_id, pay_time, price";
      case "from_unixtime" ->
          columns = "commodity_id, pay_time, price, pay_dt=from_unixtime(pay_time, '%Y%m%d')";
      case "arithmetic_where" -> {
        columns = "commodity_id, pay_time, price, total = price * 2 + pay_time";
        where = "price > 100 and pay_time % 2 = 0";
      }
      default -> throw new IllegalArgumentException(workload);
    }
    LoadTransform transform =
        LoadAnalyzer.analyze(
            table, columns, where, TransformOptions.of(ZoneId.of("Asia/Shanghai"), false));
    VarCharVector ids = new VarCharVector("commodity_id", allocator);
    BigIntVector times = new BigIntVector("pay_time", allocator);
    Float8Vector prices = new Float8Vector("price", allocator);
    ids.allocateNew(ROWS * 8L, ROWS);
    times.allocateNew(ROWS);
    prices.allocateNew(ROWS);
    for (int i = 0; i < ROWS; i++) {
      ids.setSafe(i, Integer.toString(i).getBytes(StandardCharsets.UTF_8));
      times.set(i, 1_589_191_487L + i * 37L);
      prices.set(i, (i * 7) % 1000);
    }
    ids.setValueCount(ROWS);
    times.setValueCount(ROWS);
    prices.setValueCount(ROWS);
    sources = List.of(ids, times, prices);
    evaluator = transform.open(allocator);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public int evaluate() {
    return evaluator.evaluate(sources, ROWS).selectedCount();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    evaluator.close();
    sources.forEach(FieldVector::close);
    allocator.close();
  }
}
