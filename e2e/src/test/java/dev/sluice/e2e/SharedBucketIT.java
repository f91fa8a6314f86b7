package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.admin.Row;
import dev.sluice.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two installations, each with its own PostgreSQL database, on one bucket and one location prefix
 * (a second environment pointed at the same bucket, or a catalog recreated from scratch): both
 * create the same database and table, so the same table ids, and load the same topic with their
 * orphan collectors running every second with no grace period. Neither may delete the other's
 * files: every committed file of both stays, and SELECT on both returns every row.
 */
class SharedBucketIT {
  private static final int RECORDS = 40;

  @Test
  void twoClustersOnOneBucketAndPrefixKeepEachOthersFiles() throws Exception {
    String bucket = "shared-" + ProcessHandle.current().pid();
    Map<String, String> eagerCollector =
        Map.of("sluice.gc.interval", "1s", "sluice.gc.grace-period", "0s");
    List<byte[]> values = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      values.add((i + ",name-" + i).getBytes(StandardCharsets.UTF_8));
    }
    KafkaBroker.shared().produce("shared_bucket", 2, values);

    try (SluiceCluster first = new SluiceCluster("shared_a", bucket, eagerCollector);
        SluiceCluster second = new SluiceCluster("shared_b", bucket, eagerCollector)) {
      for (SluiceCluster cluster : List.of(first, second)) {
        createAndLoad(cluster);
      }
      first.startWorker("worker-a");
      second.startWorker("worker-b");
      for (SluiceCluster cluster : List.of(first, second)) {
        cluster.awaitJob(
            "shared_db",
            "ev_job",
            Duration.ofSeconds(90),
            job -> job.get("Statistic").contains("\"loadedRows\":" + RECORDS + ","));
      }
      List<String> firstFiles = first.manifestKeys("ev");
      List<String> secondFiles = second.manifestKeys("ev");
      assertThat(firstFiles).isNotEmpty().doesNotContainAnyElementsOf(secondFiles);
      assertThat(secondFiles).isNotEmpty();

      // Several collections of both after both committed.
      Thread.sleep(5000);

      List<String> objects = first.allObjects();
      assertThat(objects).containsAll(firstFiles).containsAll(secondFiles);
      for (SluiceCluster cluster : List.of(first, second)) {
        List<String> ids = new ArrayList<>();
        for (Row row :
            cluster.sql("SELECT id FROM ev ORDER BY id", "shared_db").getResults(0).getRowsList()) {
          ids.add(row.getValues(0).getText());
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
          expected.add(Integer.toString(i));
        }
        assertThat(ids).containsExactlyElementsOf(expected);
      }
    }
  }

  private static void createAndLoad(SluiceCluster cluster) {
    cluster.sql("CREATE DATABASE shared_db", "");
    cluster.sql(
        """
        CREATE TABLE ev (`id` int NOT NULL, `name` varchar(20) NULL)
        DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 2;
        CREATE ROUTINE LOAD shared_db.ev_job ON ev
        COLUMNS TERMINATED BY ","
        PROPERTIES ("max_error_number" = "0")
        FROM KAFKA
        (
            "kafka_broker_list" = "%s",
            "kafka_topic" = "shared_bucket",
            "property.kafka_default_offsets" = "OFFSET_BEGINNING"
        )
        """
            .formatted(KafkaBroker.shared().bootstrapServers()),
        "shared_db");
  }
}
