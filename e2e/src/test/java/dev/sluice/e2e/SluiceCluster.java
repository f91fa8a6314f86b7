package dev.sluice.e2e;

import static org.awaitility.Awaitility.await;

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
import dev.sluice.testing.ServiceSettings;
import dev.sluice.testing.SkewedClock;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

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
  private final List<Integer> controlPlanePorts = new ArrayList<>();
  private final List<ServiceSettings> controlPlaneSettings = new ArrayList<>();
  private final List<ServiceProcess> controlPlanes = new ArrayList<>();
  // Replicas frozen by SIGSTOP: admin calls go to the others instead of hanging until a deadline.
  private final Set<Integer> suspended = ConcurrentHashMap.newKeySet();
  // Tests may start workers from several threads.
  private final List<ServiceProcess> workers = new CopyOnWriteArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final S3ObjectStore store;
  private final Map<String, String> workerEnvironment = new LinkedHashMap<>();
  private final Map<String, String> workerProperties = new LinkedHashMap<>();
  private final String adminToken;
  private final String workerToken;
  private final String secretsKey;
  private final Path tlsCa; // null without TLS

  /**
   * How to shape the cluster: {@code replicas} control planes on one database, each lease lasting
   * {@code leaseDuration}, and the S3 endpoint the control planes hand to workers (a fault proxy in
   * front of the shared S3 API server, or the server itself), plus extra control-plane settings.
   */
  record Shape(
      int replicas,
      String leaseDuration,
      Optional<String> storageEndpoint,
      Map<String, String> controlPlaneProperties) {
    static final Shape DEFAULT = new Shape(1, "6s", Optional.empty());

    Shape {
      controlPlaneProperties = Map.copyOf(controlPlaneProperties);
    }

    Shape(int replicas, String leaseDuration, Optional<String> storageEndpoint) {
      this(replicas, leaseDuration, storageEndpoint, Map.of());
    }
  }

  SluiceCluster(String prefix) {
    this(prefix, Shape.DEFAULT);
  }

  SluiceCluster(String prefix, Shape shape) {
    this(prefix, shape, PostgresServer.shared(), false, false);
  }

  /** A cluster on a PostgreSQL server of the test's own, e.g. one it restarts. */
  SluiceCluster(String prefix, PostgresServer postgres) {
    this(prefix, Shape.DEFAULT, postgres, false, false);
  }

  /**
   * A cluster; {@code secured} also gives it admin and worker tokens and a key that encrypts
   * secrets in PostgreSQL, all passed in the services' environment as an operator would.
   */
  SluiceCluster(String prefix, boolean secured) {
    this(prefix, secured, false);
  }

  /**
   * A cluster as above; {@code tls} also makes the control plane serve its APIs over TLS only, with
   * a certificate for 127.0.0.1 signed by a CA made for this cluster ({@link #tlsCa()}), which the
   * workers trust.
   */
  SluiceCluster(String prefix, boolean secured, boolean tls) {
    this(prefix, Shape.DEFAULT, PostgresServer.shared(), secured, tls, Optional.empty());
  }

  /**
   * A cluster with its own database whose tables live in {@code bucket}, which other clusters may
   * share, with extra control-plane properties.
   */
  SluiceCluster(String prefix, String bucket, Map<String, String> controlPlaneProperties) {
    this(
        prefix,
        new Shape(1, "6s", Optional.empty(), controlPlaneProperties),
        PostgresServer.shared(),
        false,
        false,
        Optional.of(bucket));
  }

  private SluiceCluster(
      String prefix, Shape shape, PostgresServer postgres, boolean secured, boolean tls) {
    this(prefix, shape, postgres, secured, tls, Optional.empty());
  }

  private SluiceCluster(
      String prefix,
      Shape shape,
      PostgresServer postgres,
      boolean secured,
      boolean tls,
      Optional<String> sharedBucket) {
    name = prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try {
      logs = Files.createDirectories(Path.of("target", "e2e-logs", name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    jdbcUrl = postgres.createDatabase(name);
    S3ProxyServer s3 = S3ProxyServer.shared();
    bucket = sharedBucket.orElse(name.replace('_', '-'));
    s3.createBucket(bucket);
    KafkaBroker.shared();
    KafkaTls certificates = tls ? KafkaTls.generate(logs.resolve("tls")) : null;
    tlsCa = tls ? write(logs.resolve("tls/ca.pem"), certificates.caCertificate()) : null;
    if (tls) {
      // The worker's gRPC client (grpc-java over Netty) speaks TLS once it has a trust store.
      workerProperties.put(
          "quarkus.grpc.clients.control-plane.ssl.trust-store", tlsCa.toAbsolutePath().toString());
    }
    if (secured) {
      adminToken = "admin-" + UUID.randomUUID();
      workerToken = "worker-" + UUID.randomUUID();
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      secretsKey = Base64.getEncoder().encodeToString(key);
      workerEnvironment.put("SLUICE_WORKER_TOKEN", workerToken);
    } else {
      adminToken = "";
      workerToken = "";
      secretsKey = "";
    }
    for (int replica = 0; replica < shape.replicas(); replica++) {
      int port = FreePort.find();
      ServiceSettings settings =
          ServiceSettings.controlPlane(port, postgres, jdbcUrl)
              .s3Storage(s3, shape.storageEndpoint().orElse(s3.endpoint()), bucket)
              .property("sluice.planner.interval", "200ms")
              .property("sluice.lease.duration", shape.leaseDuration())
              .property("sluice.lease.abort-backoff", "500ms");
      shape.controlPlaneProperties().forEach(settings::property);
      if (secured) {
        settings
            .secret("SLUICE_AUTH_ADMIN_TOKEN", adminToken)
            .secret("SLUICE_AUTH_WORKER_TOKEN", workerToken)
            .secret("SLUICE_SECRETS_KEY", secretsKey);
      }
      if (tls) {
        Path chain =
            write(logs.resolve("tls/server-chain.pem"), certificates.serverCertificateChain());
        Path key = write(logs.resolve("tls/server.key"), certificates.serverKey());
        settings
            .property("quarkus.http.port", Integer.toString(FreePort.find()))
            .property("quarkus.http.ssl-port", Integer.toString(port))
            .property("quarkus.http.insecure-requests", "disabled")
            .property("quarkus.tls.key-store.pem.server.cert", chain.toAbsolutePath().toString())
            .property("quarkus.tls.key-store.pem.server.key", key.toAbsolutePath().toString());
      }
      controlPlanePorts.add(port);
      controlPlaneSettings.add(settings);
      controlPlanes.add(startControlPlane(replica));
      channels.add(channelTo(port));
    }
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
    return channelTo(controlPlanePorts.get(0));
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

  String jdbcUrl() {
    return jdbcUrl;
  }

  private static String controlPlaneName(int replica) {
    return replica == 0 ? "control-plane" : "control-plane-" + replica;
  }

  /** The admin API's address, HOST:PORT, as `sluice sql --server` takes it. */
  String adminAddress() {
    return "127.0.0.1:" + controlPlanePorts.get(0);
  }

  /** The port of a control-plane replica's gRPC APIs. */
  int controlPlanePort(int replica) {
    return controlPlanePorts.get(replica);
  }

  /** SIGKILL of a control-plane replica, then a new start on the same port and database. */
  void restartControlPlane(int replica) {
    controlPlanes.get(replica).kill();
    controlPlanes.set(replica, startControlPlane(replica));
  }

  /**
   * Restarts replica {@code replica} with its wall clock {@code offset} away from every other
   * process's, as a replica on a host whose clock is off.
   */
  void restartControlPlaneWithClockOffset(int replica, Duration offset) {
    controlPlanes.get(replica).kill();
    ServiceSettings settings = controlPlaneSettings.get(replica);
    Map<String, String> environment = new LinkedHashMap<>(settings.environment());
    environment.putAll(SkewedClock.environment(offset));
    controlPlanes.set(
        replica,
        ServiceProcess.start(
            controlPlaneName(replica), "control-plane", settings.properties(), environment, logs));
  }

  /**
   * SIGSTOP of a control-plane replica: it freezes wherever it is, with its open transactions and
   * the calls it was serving; {@link #resumeControlPlane} lets it go on.
   */
  void suspendControlPlane(int replica) {
    suspended.add(replica);
    controlPlanes.get(replica).suspend();
  }

  /** SIGCONT of a replica frozen by {@link #suspendControlPlane}. */
  void resumeControlPlane(int replica) {
    controlPlanes.get(replica).resume();
    suspended.remove(replica);
  }

  int controlPlaneCount() {
    return controlPlanes.size();
  }

  private ServiceProcess startControlPlane(int replica) {
    ServiceSettings settings = controlPlaneSettings.get(replica);
    return ServiceProcess.start(
        controlPlaneName(replica),
        "control-plane",
        settings.properties(),
        settings.environment(),
        logs);
  }

  ServiceProcess startWorker(String workerName) {
    return startWorker(workerName, controlPlanePorts.get(0), Map.of());
  }

  /** A worker talking to the lease API on {@code controlPlanePort}, with extra properties. */
  ServiceProcess startWorker(String workerName, int controlPlanePort, Map<String, String> extra) {
    ServiceSettings settings = ServiceSettings.worker(workerName, controlPlanePort);
    workerProperties.forEach(settings::property);
    extra.forEach(settings::property);
    workerEnvironment.forEach(settings::secret);
    ServiceProcess worker =
        ServiceProcess.start(
            workerName, "worker", settings.properties(), settings.environment(), logs);
    workers.add(worker);
    return worker;
  }

  /** Where this cluster's services write their logs. */
  Path logDirectory() {
    return logs;
  }

  /** The log file of a service started by this cluster, appended to across its restarts. */
  Path logOf(String serviceName) {
    return logs.resolve(serviceName + ".log");
  }

  ExecuteSqlResponse sql(String statements, String database) {
    return onAnyReplica(
        admin ->
            admin
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .executeSql(
                    ExecuteSqlRequest.newBuilder()
                        .setSql(statements)
                        .setDatabase(database)
                        .build()));
  }

  /**
   * Runs an admin call on the first replica that is up and not frozen: replicas are
   * interchangeable, and a test restarting or freezing one keeps asking the others.
   */
  private <T> T onAnyReplica(Function<AdminServiceGrpc.AdminServiceBlockingStub, T> call) {
    StatusRuntimeException last = null;
    for (int replica = 0; replica < channels.size(); replica++) {
      if (suspended.contains(replica) && suspended.size() < channels.size()) {
        continue;
      }
      try {
        return call.apply(adminStub(channels.get(replica)));
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
          throw e;
        }
        last = e;
      }
    }
    throw last;
  }

  /** The admin API over {@code channel}, with the admin token when the cluster has one. */
  private AdminServiceGrpc.AdminServiceBlockingStub adminStub(ManagedChannel channel) {
    AdminServiceGrpc.AdminServiceBlockingStub stub = AdminServiceGrpc.newBlockingStub(channel);
    if (adminToken.isEmpty()) {
      return stub;
    }
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + adminToken);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  /**
   * Polls SHOW ROUTINE LOAD of the job until {@code done} holds and returns that row; when it does
   * not within {@code within}, fails with the job's last row and every service's log.
   */
  Map<String, String> awaitJob(
      String database, String job, Duration within, Predicate<Map<String, String>> done) {
    try {
      return await()
          .atMost(within)
          .pollInterval(Duration.ofMillis(300))
          .until(() -> showJob(database, job), done);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "job "
              + database
              + "."
              + job
              + " not there after "
              + within.toSeconds()
              + " s: "
              + showJob(database, job)
              + "\n"
              + logs(),
          e);
    }
  }

  /** SHOW ROUTINE LOAD FOR db.name as field name to value. */
  Map<String, String> showJob(String database, String job) {
    ResultSet result =
        onAnyReplica(
            admin ->
                admin
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .showRoutineLoad(
                        ShowRoutineLoadRequest.newBuilder()
                            .setDatabase(database)
                            .setName(job)
                            .setIncludeFinished(true)
                            .build()));
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
    List<List<Object>> result = new ArrayList<>();
    scanTable(
        table,
        query,
        rows -> {
          int columns = rows.getMetaData().getColumnCount();
          List<Object> row = new ArrayList<>();
          for (int c = 1; c <= columns; c++) {
            row.add(rows.getObject(c));
          }
          result.add(row);
        });
    return result;
  }

  /** One row of a {@link #scanTable} result, read in place. */
  interface RowReader {
    void read(java.sql.ResultSet row) throws SQLException;
  }

  /** Like {@link #queryTable}, but hands each row to {@code reader} instead of keeping them all. */
  void scanTable(String table, String query, RowReader reader) throws SQLException, IOException {
    Path dir = Files.createTempDirectory(logs.toAbsolutePath(), "tablets");
    List<String> paths = new ArrayList<>();
    int n = 0;
    for (String key : manifestKeys(table)) {
      Path local = dir.resolve((n++) + ".parquet");
      Files.write(local, store.get(key));
      paths.add("'" + local + "'");
    }
    if (paths.isEmpty()) {
      return;
    }
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        java.sql.Statement statement = duck.createStatement()) {
      statement.execute("SET autoinstall_known_extensions=false");
      statement.execute("SET autoload_known_extensions=false");
      String sql = query.replace("$files", "read_parquet([" + String.join(",", paths) + "])");
      try (java.sql.ResultSet rows = statement.executeQuery(sql)) {
        while (rows.next()) {
          reader.read(rows);
        }
      }
    }
  }

  /** The object keys the manifest lists for a table: exactly the files SELECT reads. */
  List<String> manifestKeys(String table) throws SQLException {
    return strings(
        "SELECT m.object_key FROM manifest_files m JOIN tables t ON t.id = m.table_id"
            + " WHERE t.name = ? AND t.dropped_at IS NULL ORDER BY m.id",
        table);
  }

  /** The attempt ids of every committed task round (load transaction) of this cluster. */
  List<String> committedAttempts() throws SQLException {
    return strings("SELECT attempt_id::text FROM load_transactions");
  }

  private List<String> strings(String query, String... parameters) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection pg = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
        PreparedStatement select = pg.prepareStatement(query)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setString(i + 1, parameters[i]);
      }
      try (java.sql.ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          values.add(rows.getString(1));
        }
      }
    }
    return values;
  }

  byte[] objectBytes(String key) {
    return store.get(key);
  }

  /** Every object in the bucket, committed or not. */
  List<String> allObjects() {
    return store.list("").stream().map(info -> info.key()).toList();
  }

  boolean controlPlaneAlive() {
    return controlPlanes.get(0).isAlive();
  }

  String logs() {
    StringBuilder text = new StringBuilder();
    for (ServiceProcess controlPlane : controlPlanes) {
      text.append("--- control plane ---\n").append(controlPlane.tail()).append('\n');
    }
    // The latest process of each worker: restarted workers append to the same log.
    Map<String, ServiceProcess> latest = new LinkedHashMap<>();
    workers.forEach(worker -> latest.put(worker.name(), worker));
    for (ServiceProcess worker : latest.values()) {
      text.append("\n--- worker ---\n").append(worker.tail());
    }
    return text.toString();
  }

  @Override
  public void close() {
    channels.forEach(ManagedChannel::shutdownNow);
    workers.forEach(ServiceProcess::close);
    controlPlanes.forEach(ServiceProcess::close);
    store.close();
  }
}
