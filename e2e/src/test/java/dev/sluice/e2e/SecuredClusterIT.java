package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.admin.AdminServiceGrpc;
import dev.sluice.api.admin.ExecuteSqlRequest;
import dev.sluice.api.lease.AcquireLeaseRequest;
import dev.sluice.api.lease.CommitRequest;
import dev.sluice.api.lease.LeaseServiceGrpc;
import dev.sluice.testing.KafkaBroker;
import dev.sluice.testing.KafkaSecurity;
import dev.sluice.testing.S3ProxyServer;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cluster with TLS, tokens and a secrets key, as an operator runs it: the APIs refuse callers
 * without their token, and no secret — Kafka password, private key, S3 key, tokens — shows up in
 * any SHOW or DESC output, any service log, or PostgreSQL in plain text.
 */
class SecuredClusterIT {
  private static final int RECORDS = 30;
  private static SluiceCluster cluster;
  private static ManagedChannel channel;

  @BeforeAll
  static void start() {
    cluster = new SluiceCluster("secured", true, true);
    cluster.startWorker("worker-1");
    channel = cluster.newChannel();
  }

  @AfterAll
  static void stop() {
    if (channel != null) {
      channel.shutdownNow();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void eachApiTakesOnlyItsOwnToken() {
    AdminServiceGrpc.AdminServiceBlockingStub admin = AdminServiceGrpc.newBlockingStub(channel);
    LeaseServiceGrpc.LeaseServiceBlockingStub lease = LeaseServiceGrpc.newBlockingStub(channel);
    ExecuteSqlRequest show = ExecuteSqlRequest.newBuilder().setSql("SHOW DATABASES").build();

    assertThatThrownBy(() -> admin.executeSql(show))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessage(
            "UNAUTHENTICATED: [UNAUTHENTICATED] the admin API needs a token (authorization:"
                + " Bearer <token>)");
    assertThatThrownBy(() -> bearer(admin, cluster.workerToken()).executeSql(show))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessage(
            "PERMISSION_DENIED: [PERMISSION_DENIED] a worker token cannot call the admin API");
    assertThatThrownBy(() -> bearer(admin, "guessed").executeSql(show))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessage("UNAUTHENTICATED: [UNAUTHENTICATED] the token is not valid for the admin API");
    assertThat(bearer(admin, cluster.adminToken()).executeSql(show).getResultsCount()).isEqualTo(1);

    assertThatThrownBy(
            () ->
                bearer(lease, cluster.adminToken())
                    .commit(
                        CommitRequest.newBuilder()
                            .setTaskId(UUID.randomUUID().toString())
                            .setAttemptId(UUID.randomUUID().toString())
                            .build()))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessage(
            "PERMISSION_DENIED: [PERMISSION_DENIED] an admin token cannot call the lease API");
    assertThatThrownBy(
            () -> lease.acquireLease(AcquireLeaseRequest.newBuilder().setWorkerId("x").build()))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessageStartingWith("UNAUTHENTICATED: [UNAUTHENTICATED] the lease API needs a token");
  }

  @Test
  void theCliSendsTheTokenFromItsEnvironmentAndExplainsAMissingOne() throws Exception {
    Cli without = cli(Map.of(), "-e", "SHOW DATABASES");
    assertThat(without.exitCode()).isEqualTo(1);
    assertThat(without.output())
        .contains("the admin API needs a token")
        .contains("--token or SLUICE_TOKEN");

    Cli with = cli(Map.of("SLUICE_TOKEN", cluster.adminToken()), "-e", "SHOW DATABASES");
    assertThat(with.exitCode()).as(with.output()).isZero();
    assertThat(with.output()).contains("| Database");
  }

  @Test
  void secretsAreMaskedInOutputsAbsentFromLogsAndEncryptedInPostgres() throws Exception {
    KafkaBroker kafka = KafkaBroker.sharedSecured();
    KafkaSecurity security = kafka.security();
    String volumeSecret = "volume-secret-" + UUID.randomUUID();
    String topic = "secured_" + UUID.randomUUID().toString().replace("-", "");
    produce(kafka, topic);
    cluster.sql(
        """
        CREATE DATABASE vault;
        CREATE TABLE vault.events (`id` bigint NOT NULL) DUPLICATE KEY (id)
        DISTRIBUTED BY HASH(id) BUCKETS 1;
        CREATE STORAGE VOLUME probe_volume TYPE = S3 LOCATIONS = ("s3://nowhere/x")
        PROPERTIES ("aws.s3.access_key" = "probe-access", "aws.s3.secret_key" = "%s",
                    "aws.s3.endpoint" = "http://127.0.0.1:1");
        """
            .formatted(volumeSecret),
        "");
    cluster.sql(
        """
        CREATE FILE "ca.pem" PROPERTIES ("catalog" = "kafka", "content" = "%s");
        CREATE FILE "client.pem" PROPERTIES ("catalog" = "kafka", "content" = "%s");
        CREATE FILE "client.key" PROPERTIES ("catalog" = "kafka", "content" = "%s");
        CREATE ROUTINE LOAD vault.job ON events
        FROM KAFKA ("kafka_broker_list" = "%s", "kafka_topic" = "%s",
                    "property.kafka_default_offsets" = "OFFSET_BEGINNING",
                    "property.security.protocol" = "SASL_SSL",
                    "property.sasl.mechanism" = "SCRAM-SHA-256",
                    "property.sasl.username" = "%s",
                    "property.sasl.password" = "%s",
                    "property.ssl.ca.location" = "FILE:ca.pem",
                    "property.ssl.certificate.location" = "FILE:client.pem",
                    "property.ssl.key.location" = "FILE:client.key");
        """
            .formatted(
                security.tls().caCertificate(),
                security.tls().clientCertificate(),
                security.tls().clientKey(),
                kafka.bootstrapServers(KafkaSecurity.Listener.SASL_SSL),
                topic,
                security.scramUser(),
                security.scramPassword()),
        "vault");
    awaitLoaded();

    Cli shown =
        cli(
            Map.of("SLUICE_TOKEN", cluster.adminToken()),
            "-D",
            "vault",
            "-e",
            "SHOW ROUTINE LOAD FOR job\\G SHOW FILE; SHOW STORAGE VOLUMES;"
                + " DESC STORAGE VOLUME probe_volume; DESC STORAGE VOLUME builtin_storage_volume;");
    assertThat(shown.exitCode()).as(shown.output()).isZero();
    assertThat(shown.output())
        .contains("\"sasl.password\":\"******\"")
        .contains("\"aws.s3.secret_key\":\"******\"")
        .contains("client.key");

    // A middle line of the PEM body: present in no header and no other file.
    String keyLine = security.tls().clientKey().lines().toList().get(5);
    String s3Secret = S3ProxyServer.shared().secretKey();
    List<String> storedSecrets = List.of(security.scramPassword(), volumeSecret, keyLine, s3Secret);
    List<String> allSecrets = new ArrayList<>(storedSecrets);
    allSecrets.addAll(List.of(cluster.adminToken(), cluster.workerToken(), cluster.secretsKey()));

    String logs = readAll(cluster.logDirectory());
    for (String secret : allSecrets) {
      assertThat(logs).as("service logs").doesNotContain(secret);
      assertThat(shown.output()).as("CLI output").doesNotContain(secret);
    }
    String stored = storedText();
    assertThat(stored).contains("sealed:v1:");
    for (String secret : storedSecrets) {
      assertThat(stored).as("PostgreSQL").doesNotContain(secret);
    }
  }

  private static void awaitLoaded() {
    cluster.awaitJob(
        "vault",
        "job",
        Duration.ofSeconds(90),
        show -> show.get("Statistic").contains("\"loadedRows\":" + RECORDS + ","));
  }

  private static void produce(KafkaBroker kafka, String topic) {
    List<byte[]> values = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      values.add(Integer.toString(i).getBytes(StandardCharsets.UTF_8));
    }
    kafka.produce(topic, 1, values);
  }

  /** Every text column where Sluice keeps settings, files and statements. */
  private static String storedText() throws Exception {
    StringBuilder text = new StringBuilder();
    try (Connection pg = DriverManager.getConnection(cluster.jdbcUrl(), "postgres", "postgres");
        Statement statement = pg.createStatement()) {
      for (String query :
          List.of(
              "SELECT properties::text FROM storage_volumes",
              "SELECT data_source::text || create_sql FROM routine_load_jobs",
              "SELECT name || content FROM files")) {
        try (ResultSet rows = statement.executeQuery(query)) {
          while (rows.next()) {
            text.append(rows.getString(1)).append('\n');
          }
        }
      }
    }
    return text.toString();
  }

  private static String readAll(Path dir) throws IOException {
    StringBuilder text = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        text.append(Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    assertThat(text).as("logs in " + dir).isNotEmpty();
    return text.toString();
  }

  private static <S extends AbstractStub<S>> S bearer(S stub, String token) {
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private record Cli(int exitCode, String output) {}

  private static Cli cli(Map<String, String> environment, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "sql", "--server", cluster.adminAddress(), "--tls-ca", cluster.tlsCa().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(SluiceCli.command(command.toArray(String[]::new)))
            .redirectErrorStream(true);
    builder.environment().remove("SLUICE_TOKEN");
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Cli(process.exitValue(), output);
  }
}
