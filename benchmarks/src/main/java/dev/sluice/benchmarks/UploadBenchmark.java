package dev.sluice.benchmarks;

import dev.sluice.storage.objectstore.ObjectUpload;
import dev.sluice.storage.objectstore.S3ObjectStore;
import dev.sluice.storage.objectstore.S3Settings;
import dev.sluice.testing.S3ProxyServer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Upload: one object streamed to a real S3 API server (S3Proxy on this machine, started by the
 * benchmark) the way a tablet is, 64 KiB writes into the store's multipart upload. Reported as
 * uploads per second; multiply by the size for bytes per second.
 *
 * <p>Run: {@code java --add-opens=java.base/java.nio=ALL-UNNAMED -jar
 * benchmarks/target/benchmarks.jar UploadBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
public class UploadBenchmark {
  private static final int WRITE_BYTES = 64 * 1024;

  /** Object sizes: one small PUT, and a multipart upload of several parts. */
  @Param({"1048576", "33554432"})
  public int objectBytes;

  private S3ProxyServer server;
  private S3ObjectStore store;
  private byte[] chunk;
  private long sequence;

  @Setup(Level.Trial)
  public void setUp() {
    server = S3ProxyServer.shared();
    server.createBucket("upload-bench");
    store =
        new S3ObjectStore(
            S3Settings.compatible(
                server.endpoint(),
                server.region(),
                "upload-bench",
                server.accessKey(),
                server.secretKey()));
    chunk = new byte[WRITE_BYTES];
    new Random(1).nextBytes(chunk);
  }

  @Benchmark
  public String upload() {
    String key = "bench/" + objectBytes + "-" + sequence++;
    try (ObjectUpload upload = store.create(key)) {
      for (int written = 0; written < objectBytes; written += WRITE_BYTES) {
        upload.write(chunk, 0, Math.min(WRITE_BYTES, objectBytes - written));
      }
      upload.commit();
    }
    store.delete(key);
    return key;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    store.close();
  }
}
