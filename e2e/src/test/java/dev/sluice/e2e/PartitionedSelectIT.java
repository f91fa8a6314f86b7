package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.admin.ResultSet;
import dev.sluice.api.admin.Row;
import dev.sluice.api.admin.Value;
import dev.sluice.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SELECT on partitioned tables reads the values the worker produced, not the partition directory
 * names in the tablets' keys ({@code dt=2026-12-01T00-00-00/...}): one topic of JSON records is
 * loaded by a real worker into a table per partition expression the grammar accepts — a plain
 * column of each kind, date_trunc with every unit, other functions of one column, a function of two
 * columns and two expressions at once — and into an unpartitioned table. Every partitioned table
 * must read back exactly what the unpartitioned one holds, whose values are checked against the
 * records, and WHERE on every column must pick the same rows.
 */
class PartitionedSelectIT {
  private static final String DATABASE = "parts_db";
  private static final String TOPIC = "partitioned_select";

  private static final List<String> RECORDS =
      List.of(
          """
          {"id":1,"dt":"2026-12-01 10:11:12","d":"2026-12-01","s":"a/b c","n":7}""",
          """
          {"id":2,"dt":"2026-12-02 23:59:59","d":"2026-11-30","s":"Zed","n":-3}""",
          """
          {"id":3,"dt":"2027-01-04 00:00:00","d":"2027-01-04","s":"x=y","n":1234567890123}""",
          """
          {"id":4,"dt":null,"d":null,"s":null,"n":null}""",
          """
          {"id":5,"dt":"2026-12-01 10:11:12.345678","d":"2026-12-01","s":"a/b c","n":8}""");

  /** The records as SELECT * prints them (DuckDB's JDBC text of a TIMESTAMP), in id order. */
  private static final List<String> ROWS =
      List.of(
          "1|2026-12-01 10:11:12.0|2026-12-01|a/b c|7",
          "2|2026-12-02 23:59:59.0|2026-11-30|Zed|-3",
          "3|2027-01-04 00:00:00.0|2027-01-04|x=y|1234567890123",
          "4|NULL|NULL|NULL|NULL",
          "5|2026-12-01 10:11:12.345678|2026-12-01|a/b c|8");

  /** A condition on each column, and the ids of the records it holds for. */
  private static final Map<String, List<String>> WHERE = new LinkedHashMap<>();

  static {
    WHERE.put("dt > '2026-12-01 12:00:00'", List.of("2", "3"));
    WHERE.put("dt = '2026-12-01 10:11:12'", List.of("1"));
    WHERE.put("dt < '2026-12-01 10:11:13'", List.of("1", "5"));
    WHERE.put("dt IS NULL", List.of("4"));
    WHERE.put("d = '2026-12-01'", List.of("1", "5"));
    WHERE.put("d < '2026-12-01'", List.of("2"));
    WHERE.put("s = 'a/b c'", List.of("1", "5"));
    WHERE.put("s = 'x=y'", List.of("3"));
    WHERE.put("n < 0", List.of("2"));
    WHERE.put("n = 1234567890123", List.of("3"));
    WHERE.put("id >= 4", List.of("4", "5"));
  }

  /** Every kind of partition expression CREATE TABLE accepts. */
  private static final List<String> PARTITIONS =
      List.of(
          "id",
          "dt",
          "d",
          "s",
          "n",
          "date_trunc('year', dt)",
          "date_trunc('quarter', dt)",
          "date_trunc('month', dt)",
          "date_trunc('week', dt)",
          "date_trunc('day', dt)",
          "date_trunc('hour', dt)",
          "date_trunc('minute', dt)",
          "date_trunc('second', dt)",
          "date_trunc('month', d)",
          "year(dt)",
          "month(dt)",
          "to_date(dt)",
          "date_format(dt, '%Y/%m')",
          "substr(s, 1, 1)",
          "upper(s)",
          "coalesce(s, 'none')",
          "abs(n)",
          "concat(s, n)",
          "(date_trunc('day', dt), s)");

  private static SluiceCluster cluster;

  @BeforeAll
  static void start() {
    cluster = new SluiceCluster("parts");
    cluster.startWorker("worker-1");
    cluster.sql("CREATE DATABASE " + DATABASE, "");
    KafkaBroker.shared()
        .produce(TOPIC, 1, RECORDS.stream().map(r -> r.getBytes(StandardCharsets.UTF_8)).toList());
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void everyPartitionExpressionReadsBackTheLoadedValues() {
    load("plain", "");
    for (int i = 0; i < PARTITIONS.size(); i++) {
      load("part_" + i, "PARTITION BY " + PARTITIONS.get(i));
    }
    for (int i = 0; i < PARTITIONS.size(); i++) {
      awaitLoaded("part_" + i);
    }
    awaitLoaded("plain");

    ResultSet plain = select("SELECT * FROM plain ORDER BY id");
    assertThat(plain.getColumnsList()).containsExactly("id", "dt", "d", "s", "n");
    assertThat(rows(plain)).containsExactlyElementsOf(ROWS);
    WHERE.forEach(
        (condition, ids) ->
            assertThat(ids("plain", condition)).as("plain WHERE " + condition).isEqualTo(ids));

    for (int i = 0; i < PARTITIONS.size(); i++) {
      String table = "part_" + i;
      String what = "PARTITION BY " + PARTITIONS.get(i);
      ResultSet all = select("SELECT * FROM " + table + " ORDER BY id");
      assertThat(all.getColumnsList()).as(what).containsExactly("id", "dt", "d", "s", "n");
      assertThat(rows(all)).as(what).containsExactlyElementsOf(ROWS);
      WHERE.forEach(
          (condition, ids) ->
              assertThat(ids(table, condition)).as(what + " WHERE " + condition).isEqualTo(ids));
    }
  }

  private static void load(String table, String partitionBy) {
    cluster.sql(
        """
        CREATE TABLE %s (
            `id` int NOT NULL,
            `dt` datetime NULL,
            `d` date NULL,
            `s` varchar(32) NULL,
            `n` bigint NULL
        ) DUPLICATE KEY (id) %s DISTRIBUTED BY HASH(id) BUCKETS 2;
        CREATE ROUTINE LOAD %s.%s_job ON %s
        PROPERTIES ("format" = "json")
        FROM KAFKA
        (
            "kafka_broker_list" = "%s",
            "kafka_topic" = "%s",
            "property.kafka_default_offsets" = "OFFSET_BEGINNING"
        )
        """
            .formatted(
                table,
                partitionBy,
                DATABASE,
                table,
                table,
                KafkaBroker.shared().bootstrapServers(),
                TOPIC),
        DATABASE);
  }

  private static void awaitLoaded(String table) {
    Map<String, String> show =
        cluster.awaitJob(
            DATABASE,
            table + "_job",
            Duration.ofSeconds(120),
            job -> job.get("Statistic").contains("\"loadedRows\":" + RECORDS.size() + ","));
    assertThat(show.get("Statistic")).as(table).contains("\"errorRows\":0,");
  }

  private static ResultSet select(String query) {
    return cluster.sql(query, DATABASE).getResults(0);
  }

  private static List<String> ids(String table, String condition) {
    List<String> ids = new ArrayList<>();
    for (Row row :
        select("SELECT id FROM " + table + " WHERE " + condition + " ORDER BY id").getRowsList()) {
      ids.add(row.getValues(0).getText());
    }
    return ids;
  }

  private static List<String> rows(ResultSet result) {
    List<String> rows = new ArrayList<>();
    for (Row row : result.getRowsList()) {
      List<String> values = new ArrayList<>();
      for (Value value : row.getValuesList()) {
        values.add(value.hasText() ? value.getText() : "NULL");
      }
      rows.add(String.join("|", values));
    }
    return rows;
  }
}
