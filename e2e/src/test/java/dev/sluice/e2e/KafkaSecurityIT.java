package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.admin.ResultSet;
import dev.sluice.api.admin.Row;
import dev.sluice.testing.KafkaBroker;
import dev.sluice.testing.KafkaSecurity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads from a broker's SSL listener (client certificate required) and SASL listeners (PLAIN and
 * SCRAM), with certificates made by this run and handed over with CREATE FILE, never as files on
 * the worker's disk.
 */
class KafkaSecurityIT {
  private static final int RECORDS = 50;
  private static SluiceCluster cluster;
  private static KafkaBroker kafka;
  private static KafkaSecurity security;

  @BeforeAll
  static void start() {
    kafka = KafkaBroker.sharedSecured();
    security = kafka.security();
    cluster = new SluiceCluster("kafka_security");
    cluster.startWorker("worker-1");
    cluster.sql(
        """
        CREATE DATABASE secure;
        CREATE TABLE secure.events (`id` bigint NOT NULL, `via` varchar(32) NULL)
        DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 1;
        """,
        "");
    // The session's database, IN and FROM each name the database a file belongs to.
    cluster.sql(
        """
        CREATE FILE "ca.pem" PROPERTIES ("catalog" = "kafka", "content" = "%s");
        CREATE FILE "client.pem" IN secure PROPERTIES ("catalog" = "kafka", "content" = "%s");
        CREATE FILE "client.key" FROM secure PROPERTIES ("catalog" = "kafka", "content" = "%s");
        """
            .formatted(
                security.tls().caCertificate(),
                security.tls().clientCertificate(),
                security.tls().clientKey()),
        "secure");
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void loadsOverSslWithAClientCertificateGivenAsFiles() throws Exception {
    produce("ssl_events", "ssl");
    cluster.sql(
        """
        CREATE ROUTINE LOAD secure.ssl_job ON events COLUMNS (id, via)
        FROM KAFKA ("kafka_broker_list" = "%s", "kafka_topic" = "ssl_events",
                    "property.kafka_default_offsets" = "OFFSET_BEGINNING",
                    "property.security.protocol" = "ssl",
                    "property.ssl.ca.location" = "FILE:ca.pem",
                    "property.ssl.certificate.location" = "FILE:client.pem",
                    "property.ssl.key.location" = "FILE:client.key");
        """
            .formatted(kafka.bootstrapServers(KafkaSecurity.Listener.SSL)),
        "secure");

    Map<String, String> job = awaitLoaded("ssl_job");

    assertThat(job.get("CustomProperties"))
        .contains("\"ssl.ca.location\":\"FILE:ca.pem\"")
        .doesNotContain("-----BEGIN");
    assertThat(rowsVia("ssl")).isEqualTo(RECORDS);
  }

  @Test
  void loadsOverSaslPlainAndScramWithPasswordsMasked() throws Exception {
    produce("plain_events", "plain");
    produce("scram_events", "scram");
    cluster.sql(
        """
        CREATE ROUTINE LOAD secure.plain_job ON events COLUMNS (id, via)
        FROM KAFKA ("kafka_broker_list" = "%s", "kafka_topic" = "plain_events",
                    "property.kafka_default_offsets" = "OFFSET_BEGINNING",
                    "property.security.protocol" = "SASL_PLAINTEXT",
                    "property.sasl.mechanism" = "PLAIN",
                    "property.sasl.username" = "%s",
                    "property.sasl.password" = "%s");
        CREATE ROUTINE LOAD secure.scram_job ON events COLUMNS (id, via)
        FROM KAFKA ("kafka_broker_list" = "%s", "kafka_topic" = "scram_events",
                    "property.kafka_default_offsets" = "OFFSET_BEGINNING",
                    "property.security.protocol" = "SASL_SSL",
                    "property.sasl.mechanisms" = "SCRAM-SHA-512",
                    "property.sasl.username" = "%s",
                    "property.sasl.password" = "%s",
                    "property.ssl.ca.location" = "FILE:ca.pem");
        """
            .formatted(
                kafka.bootstrapServers(KafkaSecurity.Listener.SASL_PLAINTEXT),
                security.plainUser(),
                security.plainPassword(),
                kafka.bootstrapServers(KafkaSecurity.Listener.SASL_SSL),
                security.scramUser(),
                security.scramPassword()),
        "secure");

    Map<String, String> plain = awaitLoaded("plain_job");
    Map<String, String> scram = awaitLoaded("scram_job");

    assertThat(plain.get("CustomProperties"))
        .contains("\"sasl.password\":\"******\"")
        .doesNotContain(security.plainPassword());
    assertThat(scram.get("CustomProperties"))
        .contains("\"sasl.password\":\"******\"")
        .doesNotContain(security.scramPassword());
    assertThat(rowsVia("plain")).isEqualTo(RECORDS);
    assertThat(rowsVia("scram")).isEqualTo(RECORDS);
  }

  @Test
  void aWrongPasswordLoadsNothingAndSaysWhy() {
    produce("wrong_events", "wrong");
    cluster.sql(
        """
        CREATE ROUTINE LOAD secure.wrong_job ON events COLUMNS (id, via)
        FROM KAFKA ("kafka_broker_list" = "%s", "kafka_topic" = "wrong_events",
                    "property.security.protocol" = "SASL_PLAINTEXT",
                    "property.sasl.mechanism" = "SCRAM-SHA-256",
                    "property.sasl.username" = "%s",
                    "property.sasl.password" = "not-the-password");
        """
            .formatted(
                kafka.bootstrapServers(KafkaSecurity.Listener.SASL_PLAINTEXT),
                security.scramUser()),
        "secure");

    Map<String, String> job =
        awaitJob("wrong_job", show -> show.get("OtherMsg").contains("Authentication failed"));

    assertThat(job.get("Statistic")).contains("\"loadedRows\":0,");
    assertThat(job.get("OtherMsg")).doesNotContain("not-the-password");
  }

  @Test
  void showFileListsTheFilesWithoutTheirContent() {
    ResultSet files = cluster.sql("SHOW FILE FROM secure", "").getResults(0);

    assertThat(files.getColumnsList())
        .containsExactly("Id", "DbName", "Catalog", "FileName", "FileSize", "IsContent", "MD5");
    List<String> names = files.getRowsList().stream().map(row -> text(row, 3)).sorted().toList();
    assertThat(names).containsExactly("ca.pem", "client.key", "client.pem");
    assertThat(files.toString()).doesNotContain("PRIVATE KEY").doesNotContain("CERTIFICATE");
  }

  private static String text(Row row, int column) {
    return row.getValues(column).getText();
  }

  private static void produce(String topic, String via) {
    List<byte[]> values = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      values.add((i + "\t" + via).getBytes(StandardCharsets.UTF_8));
    }
    kafka.produce(topic, 1, values);
  }

  private static long rowsVia(String via) throws Exception {
    return (Long)
        cluster
            .queryTable("events", "SELECT count(*) FROM $files WHERE via = '" + via + "'")
            .get(0)
            .get(0);
  }

  private static Map<String, String> awaitLoaded(String job) {
    return awaitJob(job, show -> show.get("Statistic").contains("\"loadedRows\":" + RECORDS + ","));
  }

  private static Map<String, String> awaitJob(String job, Predicate<Map<String, String>> done) {
    return cluster.awaitJob("secure", job, Duration.ofSeconds(90), done);
  }
}
