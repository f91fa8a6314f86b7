package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Settings that the control plane accepts but the worker cannot use pause the job with the worker's
 * reason (hole 7 of the hardening issue), instead of failing every task in silence.
 */
class UnusableSettingsIT {
  private static SluiceCluster cluster;

  @BeforeAll
  static void start() {
    cluster = new SluiceCluster("unusable");
    cluster.startWorker("worker-1");
    cluster.sql(
        """
        CREATE DATABASE unusable;
        CREATE TABLE unusable.events (`id` bigint NOT NULL, `note` varchar(32) NULL)
        DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 1;
        """,
        "");
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void aJsonRootTheWorkerCannotUsePausesTheJobWithItsReason() {
    KafkaBroker.shared()
        .produce(
            "unusable_events",
            1,
            List.of("{\"a\":[{\"id\":1,\"note\":\"x\"}]}".getBytes(StandardCharsets.UTF_8)));
    cluster.sql(
        """
        CREATE ROUTINE LOAD unusable.wildcard ON events
        PROPERTIES ("format" = "json", "json_root" = "$.a[*]")
        FROM KAFKA ("kafka_broker_list" = "%s", "kafka_topic" = "unusable_events",
                    "property.kafka_default_offsets" = "OFFSET_BEGINNING");
        """
            .formatted(KafkaBroker.shared().bootstrapServers()),
        "unusable");

    Map<String, String> job =
        cluster.awaitJob(
            "unusable", "wildcard", Duration.ofSeconds(60), j -> j.get("State").equals("PAUSED"));

    assertThat(job.get("ReasonOfStateChanged"))
        .startsWith(
            "The task for partitions [0] failed 3 times in a row:"
                + " json_root: invalid jsonpath '$.a[*]'")
        .contains("not supported")
        .endsWith("fix it (ALTER ROUTINE LOAD), then RESUME.");
    assertThat(job.get("Statistic")).contains("\"abortedTaskNum\":3");
    assertThat(cluster.logOf("worker-1")).content().doesNotContain("\tat dev.sluice");
  }
}
