package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A round whose statistics used to make its commit larger than the control plane's 16 MiB message
 * limit, so that it was resent for ever (hole 7): string bounds are now short prefixes.
 */
class LargeValuesIT {
  private static final int RECORDS = 300;
  private static final int VALUE_CHARS = 65_000;
  private static SluiceCluster cluster;

  @BeforeAll
  static void start() {
    cluster = new SluiceCluster("large");
    cluster.startWorker("worker-1");
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void longStringsInManyBucketsLoadInOneCommit() throws Exception {
    List<byte[]> values = new ArrayList<>();
    for (int id = 0; id < RECORDS; id++) {
      StringBuilder csv = new StringBuilder().append(id);
      for (int column = 0; column < 4; column++) {
        // Distinct long values, so every bucket's min and max are long strings.
        csv.append('\t').append((char) ('a' + column)).append(id).append("x".repeat(VALUE_CHARS));
      }
      values.add(csv.toString().getBytes(StandardCharsets.UTF_8));
    }
    KafkaBroker.shared().produce("large_values", 1, values);
    cluster.sql(
        """
        CREATE DATABASE large;
        USE large;
        CREATE TABLE wide (`id` bigint NOT NULL, `a` string, `b` string, `c` string, `d` string)
        DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 40;
        CREATE ROUTINE LOAD large.wide_job ON wide
        FROM KAFKA ("kafka_broker_list" = "%s", "kafka_topic" = "large_values",
                    "property.kafka_default_offsets" = "OFFSET_BEGINNING");
        """
            .formatted(KafkaBroker.shared().bootstrapServers()),
        "");

    Map<String, String> job =
        cluster.awaitJob(
            "large",
            "wide_job",
            Duration.ofSeconds(90),
            j -> j.get("Statistic").contains("\"loadedRows\":" + RECORDS + ","));

    assertThat(job.get("State")).isEqualTo("RUNNING");
    assertThat(job.get("Statistic")).contains("\"errorRows\":0,");
    List<List<Object>> rows =
        cluster.queryTable(
            "wide", "SELECT count(*), count(DISTINCT id), min(length(d)) FROM $files");
    assertThat(rows).containsExactly(List.of(300L, 300L, (long) VALUE_CHARS + 2));
  }
}
