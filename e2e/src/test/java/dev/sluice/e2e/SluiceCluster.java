package dev.sluice.e2e;

import dev.sluice.api.admin.AdminServiceGrpc;
import dev.sluice.api.admin.ExecuteSqlRequest;
import dev.sluice.api.admin.ExecuteSqlResponse;
import dev.sluice.api.admin.ResultSet;
import dev.sluice.api.admin.ShowRoutineLoadRequest;
import dev.sluice.storage.objectstore.S3ObjectStore;
import dev.sluice.storage.objectstore.S3Settings;
import dev.sluice.testing.FreePort;
import dev.sluice.testing.KafkaBroker;
import dev.sluice.testing.KafkaTls;
import dev.sluice.testing.PostgresServer;
import dev.sluice.testing.S3ProxyServer;
import dev.sluice.testing.ServiceProcess;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A complete Sluice for one test class: a control plane and workers as real processes, on the
 * shared PostgreSQL (own database), Kafka broker and S3 API server (own bucket).
 */
final class SluiceCluster implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final String name;
  private final Path logs;
  private final String jdbcUrl;
  private final String bucket;
  private final int controlPlanePort;
  private final ServiceProcess controlPlane;
  private final List<ServiceProcess> workers = new ArrayList<>();
  private final ManagedChannel channel;
  private final AdminServiceGrpc.AdminServiceBlockingStub admin;
  private final S3ObjectStore store;
  private final Map<String, String> workerEnvironment = new LinkedHashMap<>();
  private final String adminToken;
  private final String workerToken;
  private final String secretsKey;
  private final Map<String, String> workerProperties = new LinkedHashMap<>();
  private final Path tlsCa; // null without TLS

  SluiceCluster(String prefix) {
    this(prefix, PostgresServer.shared(), false, false);
  }

  /** A cluster on a PostgreSQL server of the test's own, e.g. one it restarts. */
  SluiceCluster(String prefix, PostgresServer postgres) {
    this(prefix, postgres, false, false);
  }

  /**
   * A cluster; {@code secured} also gives it admin and worker tokens and a key that encrypts
   * secrets in PostgreSQL, all passed in the services' environment as an operator would.
   */
  SluiceCluster(String prefix, boolean secured) {
    this(prefix, PostgresServer.shared(), secured, false);
  }

  /**
   * A cluster as above; {@code tls} also makes the control plane serve its APIs over TLS only, with
   * a certificate for 127.0.0.1 signed by a CA made for this cluster ({@link #tlsCa()}), which the
   * workers trust.
   */
  SluiceCluster(String prefix, boolean secured, boolean tls) {
    this(prefix, PostgresServer.shared(), secured, tls);
  }

  private SluiceCluster(String prefix, PostgresServer postgres, boolean secured, boolean tls) {
    name = prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try {
      logs = Files.createDirectories(Path.of("target", "e2e-logs", name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    jdbcUrl = postgres.createDatabase(name);
    S3ProxyServer s3 = S3ProxyServer.shared();
    bucket = name.replace('_', '-');
    s3.createBucket(bucket);
    KafkaBroker.shared();
    controlPlanePort = FreePort.find();
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("quarkus.http.port", Integer.toString(controlPlanePort));
    properties.put("quarkus.datasource.jdbc.url", jdbcUrl);
    properties.put("quarkus.datasource.username", postgres.user());
    properties.put("quarkus.datasource.password", postgres.password());
    properties.put("sluice.storage.type", "s3");
    properties.put("sluice.storage.location", "s3://" + bucket + "/warehouse");
    properties.put("sluice.storage.endpoint", s3.endpoint());
    properties.put("sluice.storage.access-key", s3.accessKey());
    properties.put("sluice.storage.secret-key", s3.secretKey());
    properties.put("sluice.storage.region", s3.region());
    properties.put("sluice.planner.interval", "200ms");
    properties.put("sluice.lease.duration", "6s");
    properties.put("sluice.lease.abort-backoff", "500ms");
    if (tls) {
      KafkaTls certificates = KafkaTls.generate(logs.resolve("tls"));
      tlsCa = write(logs.resolve("tls/ca.pem"), certificates.caCertificate());
      Path chain =
          write(logs.resolve("tls/server-chain.pem"), certificates.serverCertificateChain());
      Path key = write(logs.resolve("tls/server.key"), certificates.serverKey());
      properties.put("quarkus.http.port", Integer.toString(FreePort.find()));
      properties.put("quarkus.http.ssl-port", Integer.toString(controlPlanePort));
      properties.put("quarkus.http.insecure-requests", "disabled");
      properties.put("quarkus.tls.key-store.pem.server.cert", chain.toAbsolutePath().toString());
      properties.put("quarkus.tls.key-store.pem.server.key", key.toAbsolutePath().toString());
      // The worker's gRPC client (grpc-java over Netty) speaks TLS once it has a trust store.
      workerProperties.put(
          "quarkus.grpc.clients.control-plane.ssl.trust-store", tlsCa.toAbsolutePath().toString());
    } else {
      tlsCa = null;
    }
    Map<String, String> environment = new LinkedHashMap<>();
    if (secured) {
      adminToken = "admin-" + UUID.randomUUID();
      workerToken = "worker-" + UUID.randomUUID();
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      secretsKey = Base64.getEncoder().encodeToString(key);
      environment.put("SLUICE_AUTH_ADMIN_TOKEN", adminToken);
      environment.put("SLUICE_AUTH_WORKER_TOKEN", workerToken);
      environment.put("SLUICE_SECRETS_KEY", secretsKey);
      workerEnvironment.put("SLUICE_WORKER_TOKEN", workerToken);
    } else {
      adminToken = "";
      workerToken = "";
      secretsKey = "";
    }
    controlPlane =
        ServiceProcess.start("control-plane", "control-plane", properties, environment, logs);
    channel = channelTo(controlPlanePort);
    AdminServiceGrpc.AdminServiceBlockingStub stub = AdminServiceGrpc.newBlockingStub(channel);
    if (secured) {
      Metadata headers = new Metadata();
      headers.put(
          Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
          "Bearer " + adminToken);
      stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }
    admin = stub;
    store =
        new S3ObjectStore(
            S3Settings.compatible(
                s3.endpoint(), s3.region(), bucket, s3.accessKey(), s3.secretKey()));
  }

  /** The admin token of a secured cluster, empty otherwise. */
  String adminToken() {
    return adminToken;
  }

  /** A channel to the control plane, with TLS when the cluster has it. */
  ManagedChannel channelTo(int port) {
    if (tlsCa == null) {
      return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }
    try {
      return Grpc.newChannelBuilderForAddress(
              "127.0.0.1",
              port,
              TlsChannelCredentials.newBuilder().trustManager(tlsCa.toFile()).build())
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A channel to this cluster's admin and lease APIs, carrying no token. */
  ManagedChannel newChannel() {
    return channelTo(controlPlanePort);
  }

  /** The CA certificate file of a cluster with TLS. */
  Path tlsCa() {
    if (tlsCa == null) {
      throw new IllegalStateException("this cluster has no TLS");
    }
    return tlsCa.toAbsolutePath();
  }

  private static Path write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The worker token of a secured cluster, empty otherwise. */
  String workerToken() {
    return workerToken;
  }

  /** The key that encrypts secrets in PostgreSQL in a secured cluster, empty otherwise. */
  String secretsKey() {
    return secretsKey;
  }

  /** Where the services write their logs. */
  Path logDirectory() {
    return logs;
  }

  String jdbcUrl() {
    return jdbcUrl;
  }

  /** The admin API's address, HOST:PORT, as `sluice sql --server` takes it. */
  String adminAddress() {
    return "127.0.0.1:" + controlPlanePort;
  }

  ServiceProcess startWorker(String workerName) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("quarkus.http.port", "0");
    properties.put("quarkus.grpc.clients.control-plane.port", Integer.toString(controlPlanePort));
    properties.put("sluice.worker.id", workerName);
    properties.putAll(workerProperties);
    ServiceProcess worker =
        ServiceProcess.start(workerName, "worker", properties, workerEnvironment, logs);
    workers.add(worker);
    return worker;
  }

  ExecuteSqlResponse sql(String statements, String database) {
    return admin
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .executeSql(
            ExecuteSqlRequest.newBuilder().setSql(statements).setDatabase(database).build());
  }

  /** SHOW ROUTINE LOAD FOR db.name as field name to value. */
  Map<String, String> showJob(String database, String job) {
    ResultSet result =
        admin.showRoutineLoad(
            ShowRoutineLoadRequest.newBuilder()
                .setDatabase(database)
                .setName(job)
                .setIncludeFinished(true)
                .build());
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < result.getColumnsCount(); i++) {
      fields.put(
          result.getColumns(i), result.getRows(result.getRowsCount() - 1).getValues(i).getText());
    }
    return fields;
  }

  /**
   * The rows of a table exactly as its committed tablets hold them: the manifest lists the files,
   * they are fetched from S3, and DuckDB, an independent Parquet reader, runs {@code query} with
   * {@code $files} replaced by the file list.
   */
  List<List<Object>> queryTable(String table, String query) throws SQLException, IOException {
    Path dir = Files.createTempDirectory(logs.toAbsolutePath(), "tablets");
    List<String> paths = new ArrayList<>();
    try (Connection pg = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
        PreparedStatement select =
            pg.prepareStatement(
                "SELECT m.object_key FROM manifest_files m JOIN tables t ON t.id = m.table_id"
                    + " WHERE t.name = ? AND t.dropped_at IS NULL ORDER BY m.id")) {
      select.setString(1, table);
      try (java.sql.ResultSet rows = select.executeQuery()) {
        int n = 0;
        while (rows.next()) {
          Path local = dir.resolve((n++) + ".parquet");
          Files.write(local, store.get(rows.getString(1)));
          paths.add("'" + local + "'");
        }
      }
    }
    List<List<Object>> result = new ArrayList<>();
    if (paths.isEmpty()) {
      return result;
    }
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        java.sql.Statement statement = duck.createStatement()) {
      statement.execute("SET autoinstall_known_extensions=false");
      statement.execute("SET autoload_known_extensions=false");
      String sql = query.replace("$files", "read_parquet([" + String.join(",", paths) + "])");
      try (java.sql.ResultSet rows = statement.executeQuery(sql)) {
        int columns = rows.getMetaData().getColumnCount();
        while (rows.next()) {
          List<Object> row = new ArrayList<>();
          for (int c = 1; c <= columns; c++) {
            row.add(rows.getObject(c));
          }
          result.add(row);
        }
      }
    }
    return result;
  }

  byte[] objectBytes(String key) {
    return store.get(key);
  }

  /** Every object in the bucket, committed or not. */
  List<String> allObjects() {
    return store.list("").stream().map(info -> info.key()).toList();
  }

  boolean controlPlaneAlive() {
    return controlPlane.isAlive();
  }

  String logs() {
    StringBuilder text = new StringBuilder("--- control plane ---\n").append(controlPlane.tail());
    for (ServiceProcess worker : workers) {
      text.append("\n--- worker ---\n").append(worker.tail());
    }
    return text.toString();
  }

  @Override
  public void close() {
    channel.shutdownNow();
    workers.forEach(ServiceProcess::close);
    controlPlane.close();
    store.close();
  }
}
