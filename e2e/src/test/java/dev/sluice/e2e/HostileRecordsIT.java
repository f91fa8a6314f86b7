package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.HostileRecords;
import dev.sluice.testing.KafkaBroker;
import dev.sluice.testing.ServiceProcess;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hostile-record corpus ({@link HostileRecords}) loaded through real jobs: every bad record is
 * an error row with its reason in the rejected-record log, exactly the good records around them
 * load, a job with a low max_error_number pauses, and the worker and control plane stay up.
 */
class HostileRecordsIT {
  private static final String DATABASE = "hostile_db";
  private static SluiceCluster cluster;
  private static ServiceProcess worker;

  @BeforeAll
  static void start() {
    cluster = new SluiceCluster("hostile");
    worker = cluster.startWorker("worker-1");
    cluster.sql("CREATE DATABASE " + DATABASE, "");
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void csvCorpusLoadsTheGoodRecordsAndExplainsEveryBadOne() throws Exception {
    List<HostileRecords.Sample> samples = HostileRecords.csv();
    produce("hostile_csv", samples);
    createTable("csv_rows");
    createJob("csv_job", "csv_rows", "hostile_csv", "COLUMNS TERMINATED BY \",\"", "1000", "");

    checkLoaded("csv_job", "csv_rows", samples);

    // The same records under max_error_number 5: the batch commits, then the job pauses.
    createTable("csv_paused");
    createJob("csv_pause_job", "csv_paused", "hostile_csv", "COLUMNS TERMINATED BY \",\"", "5", "");
    Map<String, String> paused =
        awaitJob("csv_pause_job", show -> show.get("State").equals("PAUSED"));
    assertThat(paused.get("ReasonOfStateChanged"))
        .contains("Too many error rows")
        .contains("exceed max_error_number 5");

    assertThat(worker.isAlive()).isTrue();
    assertThat(cluster.controlPlaneAlive()).isTrue();
  }

  @Test
  void jsonCorpusLoadsTheGoodRecordsAndExplainsEveryBadOne() throws Exception {
    List<HostileRecords.Sample> samples = HostileRecords.json();
    produce("hostile_json", samples);
    createTable("json_rows");
    createJob("json_job", "json_rows", "hostile_json", "", "1000", ", \"format\" = \"json\"");

    checkLoaded("json_job", "json_rows", samples);

    assertThat(worker.isAlive()).isTrue();
    assertThat(cluster.controlPlaneAlive()).isTrue();
  }

  private void checkLoaded(String job, String table, List<HostileRecords.Sample> samples)
      throws Exception {
    long good = samples.stream().filter(HostileRecords.Sample::good).count();
    long bad = samples.size() - good;
    Map<String, String> show =
        awaitJob(job, s -> s.get("Statistic").contains("\"totalRows\":" + samples.size() + ","));
    assertThat(show.get("State")).isEqualTo("RUNNING");
    assertThat(show.get("Statistic"))
        .contains("\"loadedRows\":" + good + ",")
        .contains("\"errorRows\":" + bad + ",");

    List<String> expectedRows = new ArrayList<>();
    Map<Long, String> expectedReasons = new HashMap<>();
    for (int offset = 0; offset < samples.size(); offset++) {
      HostileRecords.Sample sample = samples.get(offset);
      if (sample.good()) {
        expectedRows.add(sample.row().orElseThrow());
      } else {
        expectedReasons.put((long) offset, sample.reason());
      }
    }
    expectedRows.sort(Comparator.comparingLong(row -> Long.parseLong(row.split("\\|", 2)[0])));
    assertThat(loadedRows(table)).containsExactlyElementsOf(expectedRows);

    Map<Long, String> logged = rejectedReasons(show.get("ErrorLogUrls"));
    assertThat(logged.keySet()).containsExactlyInAnyOrderElementsOf(expectedReasons.keySet());
    expectedReasons.forEach(
        (offset, reason) ->
            assertThat(logged.get(offset)).as("reason at offset " + offset).contains(reason));
  }

  /** The table's rows in the corpus' rendering, ordered by id. */
  private static List<String> loadedRows(String table) throws Exception {
    List<String> rows = new ArrayList<>();
    for (List<Object> row :
        cluster.queryTable(
            table, "SELECT id, small, amount, day, name, note FROM $files ORDER BY id")) {
      Object[] values = new Object[6];
      for (int i = 0; i < 6; i++) {
        Object value = row.get(i);
        values[i] = value instanceof BigDecimal decimal ? decimal.toPlainString() : value;
      }
      rows.add(
          HostileRecords.render(values[0], values[1], values[2], values[3], values[4], values[5]));
    }
    return rows;
  }

  /**
   * Offset to reason, from every rejected-record log of the table: one line per error row, {@code
   * partition=P<TAB>offset=O<TAB>reason=R<TAB>record=...}.
   */
  private static Map<Long, String> rejectedReasons(String errorLogUrl) {
    assertThat(errorLogUrl).startsWith("s3://").endsWith(".log");
    String key = errorLogUrl.substring(errorLogUrl.indexOf('/', 5) + 1);
    String logDir = key.substring(0, key.lastIndexOf('/') + 1);
    Map<Long, String> reasons = new HashMap<>();
    for (String log : cluster.allObjects()) {
      if (!log.startsWith(logDir)) {
        continue;
      }
      String text = new String(cluster.objectBytes(log), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        String[] fields = line.split("\t", 4);
        assertThat(fields).as("log line " + line).hasSize(4);
        assertThat(fields[0]).isEqualTo("partition=0");
        assertThat(fields[2]).startsWith("reason=").hasSizeGreaterThan("reason=".length());
        long offset = Long.parseLong(fields[1].substring("offset=".length()));
        assertThat(reasons.put(offset, fields[2].substring("reason=".length())))
            .as("offset " + offset + " logged once")
            .isNull();
      }
    }
    return reasons;
  }

  private static void createTable(String table) {
    cluster.sql(
        """
        CREATE TABLE %s (
            `id` bigint NOT NULL,
            `small` tinyint NULL,
            `amount` decimal(10, 2) NULL,
            `day` date NULL,
            `name` varchar(20) NULL,
            `note` string NULL
        ) DUPLICATE KEY (id) DISTRIBUTED BY HASH(id) BUCKETS 2
        """
            .formatted(table),
        DATABASE);
  }

  private static void createJob(
      String job,
      String table,
      String topic,
      String loadClause,
      String maxErrorNumber,
      String moreProperties) {
    cluster.sql(
        """
        CREATE ROUTINE LOAD %s.%s ON %s
        %s
        PROPERTIES
        (
            "strict_mode" = "true",
            "max_error_number" = "%s",
            "log_rejected_record_num" = "-1"%s
        )
        FROM KAFKA
        (
            "kafka_broker_list" = "%s",
            "kafka_topic" = "%s",
            "property.kafka_default_offsets" = "OFFSET_BEGINNING"
        )
        """
            .formatted(
                DATABASE,
                job,
                table,
                loadClause,
                maxErrorNumber,
                moreProperties,
                KafkaBroker.shared().bootstrapServers(),
                topic),
        DATABASE);
  }

  private static Map<String, String> awaitJob(String job, Predicate<Map<String, String>> done) {
    return cluster.awaitJob(DATABASE, job, Duration.ofSeconds(60), done);
  }

  private static void produce(String topic, List<HostileRecords.Sample> samples) {
    // One partition, so that record i is at offset i.
    KafkaBroker.shared()
        .produce(topic, 1, samples.stream().map(sample -> sample.value().orElse(null)).toList());
  }
}
