package dev.sluice.cli.local;

import dev.sluice.testing.KafkaBroker;
import dev.sluice.testing.PostgresServer;
import dev.sluice.testing.S3ProxyServer;
import dev.sluice.testing.ServiceProcess;
import dev.sluice.testing.ServiceSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice local}: a complete Sluice on one machine, in the foreground — PostgreSQL, an S3 API
 * server (or a local directory), a Kafka broker for trying things out, the control plane and one
 * worker. Data lives in {@code --data-dir} and survives restarts; Ctrl-C stops everything.
 */
@Command(name = "local", description = "Run a complete single-machine Sluice in the foreground.")
public final class LocalCommand implements Callable<Integer> {
  // Fixed, local-only credentials: the S3 API server listens on 127.0.0.1 only.
  static final String S3_ACCESS_KEY = "sluice";
  static final String S3_SECRET_KEY = "sluice-local-secret";
  static final String BUCKET = "sluice";

  @Option(
      names = "--data-dir",
      defaultValue = ".sluice/local",
      description = "Where all data lives (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--storage",
      defaultValue = "s3",
      description = "s3 (an S3 API server) or local (a directory). Default: ${DEFAULT-VALUE}.")
  String storage;

  @Option(
      names = "--kafka",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Start a Kafka broker (default: on; --no-kafka to use your own).")
  boolean kafka;

  @Option(
      names = "--admin-port",
      defaultValue = "9090",
      description = "Admin gRPC API port (default: ${DEFAULT-VALUE}).")
  int adminPort;

  @Option(
      names = "--kafka-port",
      defaultValue = "9092",
      description = "Kafka port (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(
      names = "--s3-port",
      defaultValue = "9000",
      description = "S3 API port (default: ${DEFAULT-VALUE}).")
  int s3Port;

  @Option(
      names = "--postgres-port",
      defaultValue = "0",
      description = "PostgreSQL port (default: a free one).")
  int postgresPort;

  @Override
  public Integer call() throws InterruptedException {
    if (!storage.equals("s3") && !storage.equals("local")) {
      System.err.println("ERROR: --storage must be s3 or local, got '" + storage + "'");
      return 2;
    }
    Path data = dataDir.toAbsolutePath().normalize();
    List<AutoCloseable> running = new ArrayList<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopAll(running);
                  stopped.countDown();
                },
                "sluice-local-stop"));
    try {
      PostgresServer postgres = PostgresServer.start(data.resolve("postgres"), postgresPort);
      running.add(postgres);
      String jdbcUrl = postgres.createDatabase("sluice");
      ServiceSettings controlPlane = ServiceSettings.controlPlane(adminPort, postgres, jdbcUrl);
      String storageAddress;
      if (storage.equals("s3")) {
        S3ProxyServer s3 =
            S3ProxyServer.start(data.resolve("s3"), s3Port, S3_ACCESS_KEY, S3_SECRET_KEY);
        running.add(s3);
        s3.createBucket(BUCKET);
        controlPlane.s3Storage(s3, s3.endpoint(), BUCKET);
        storageAddress = "s3=" + s3.endpoint() + " (bucket " + BUCKET + ")";
      } else {
        Path tables = data.resolve("tables");
        controlPlane.localStorage(tables);
        storageAddress = "storage=" + tables;
      }
      String kafkaAddress = "kafka=(yours)";
      if (kafka) {
        KafkaBroker broker = KafkaBroker.start(data.resolve("kafka"), kafkaPort);
        running.add(broker);
        kafkaAddress = "kafka=" + broker.bootstrapServers();
      }
      Path logs = data.resolve("logs");
      // Fresh tokens per start; the secrets key must survive restarts, as the data does.
      String adminToken = LocalTokens.newToken();
      String workerToken = LocalTokens.newToken();
      controlPlane
          .secret("SLUICE_AUTH_ADMIN_TOKEN", adminToken)
          .secret("SLUICE_AUTH_WORKER_TOKEN", workerToken)
          .secret("SLUICE_SECRETS_KEY", secretsKey(data));
      LocalTokens.write(adminPort, adminToken);
      running.add(() -> LocalTokens.delete(adminPort));
      running.add(
          ServiceProcess.start(
              "control-plane",
              "control-plane",
              controlPlane.properties(),
              controlPlane.environment(),
              logs));
      ServiceSettings worker =
          ServiceSettings.worker("local-worker", adminPort)
              .secret("SLUICE_WORKER_TOKEN", workerToken);
      running.add(
          ServiceProcess.start(
              "worker", "worker", worker.properties(), worker.environment(), logs));
      System.out.println(
          "sluice local ready: admin=127.0.0.1:"
              + adminPort
              + " "
              + kafkaAddress
              + " "
              + storageAddress
              + " postgres="
              + jdbcUrl
              + " logs="
              + logs);
      System.out.flush();
    } catch (RuntimeException e) {
      System.err.println("ERROR: sluice local could not start: " + e.getMessage());
      stopAll(running);
      return 1;
    }
    stopped.await();
    return 0;
  }

  /** The key that encrypts secrets in PostgreSQL: made once, kept with the data. */
  private static String secretsKey(Path data) {
    Path file = data.resolve("secrets.key");
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String encoded = Base64.getEncoder().encodeToString(key);
    LocalTokens.writePrivate(file, encoded);
    return encoded;
  }

  /** Stops in reverse order of start: services first, then the servers they use. */
  private static synchronized void stopAll(List<AutoCloseable> running) {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (Exception e) {
        System.err.println(
            "sluice local: stopping " + running.get(i) + " failed: " + e.getMessage());
      }
    }
    running.clear();
  }
}
