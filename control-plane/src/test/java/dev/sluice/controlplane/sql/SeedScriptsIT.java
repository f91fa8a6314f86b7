package dev.sluice.controlplane.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.controlplane.error.SluiceException;
import dev.sluice.controlplane.store.Database;
import dev.sluice.controlplane.store.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Executes every statement of every seed document, in the documents' order, against a real
 * PostgreSQL. Each statement either works or fails with the user error written down here; no
 * statement may fail any other way.
 */
class SeedScriptsIT {
  /** Statements that must fail, and the start of the message they must fail with. */
  private static final Map<String, String> EXPECTED_FAILURES =
      Map.ofEntries(
          // The documents run ALTER right after RESUME; Routine Load only alters a PAUSED job.
          Map.entry(
              "000_continuous_load_from_kafka/alter",
              "Only a PAUSED routine load job can be altered"),
          Map.entry(
              "001_cloud_vendor_guide/alter-without-semicolon",
              "Only a PAUSED routine load job can be altered"),
          Map.entry(
              "002_load_data_using_routine_load/alter",
              "Only a PAUSED routine load job can be altered"),
          // The quick start shows the same CREATE twice, to explain it; the name is taken.
          Map.entry(
              "003_quick_start_shared_data/create-routine-load-clicks-again",
              "Routine load job 'clicks' already exists"),
          // The cloud guide shows a job under another name than the one it created.
          Map.entry(
              "001_cloud_vendor_guide/show-vertical-then-semicolon",
              "does not exist in database 'load_test'"));

  private static final Pattern PLACEHOLDER_BROKERS =
      Pattern.compile("(\"kafka_broker_list\"\\s*=\\s*)\"[^\"]*[<*][^\"]*\"");

  /** What the documents assume exists before their first statement. */
  private static final String PRELUDE =
      """
      CREATE DATABASE IF NOT EXISTS example_db;
      CREATE DATABASE IF NOT EXISTS load_test;
      CREATE TABLE load_test.example_tbl (
          `commodity_id` varchar(26) NULL, `customer_name` varchar(26) NULL,
          `country` varchar(26) NULL, `pay_time` bigint(20) NULL, `pay_dt` date NULL,
          `price` double SUM NULL)
      AGGREGATE KEY(`commodity_id`,`customer_name`,`country`,`pay_time`,`pay_dt`)
      DISTRIBUTED BY HASH(`commodity_id`) BUCKETS 5;
      USE example_db;
      """;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "000_continuous_load_from_kafka",
        "001_cloud_vendor_guide",
        "002_load_data_using_routine_load",
        "003_quick_start_shared_data"
        // 004 (the FAQ) holds property snippets only, no whole statements.
      })
  void everySeedStatementWorksOrFailsWithAClearUserError(String seed) throws IOException {
    Database database = new Database(TestDatabases.createMigrated("seeds"));
    SqlService sql = TestSqlServices.create(database, "/tmp/sluice-seeds");
    Optional<String> session = sql.execute(PRELUDE, Optional.empty()).database();

    Map<String, String> outcomes = new TreeMap<>();
    for (Map.Entry<String, String> fixture : statementFixtures(seed).entrySet()) {
      String key = seed + "/" + fixture.getKey();
      try {
        session = sql.execute(fixture.getValue(), session).database();
        outcomes.put(key, "OK");
      } catch (SluiceException e) {
        outcomes.put(key, e.code() + ": " + e.getMessage());
      }
    }
    assertThat(outcomes).isNotEmpty();
    outcomes.forEach(
        (key, outcome) -> {
          String expected = EXPECTED_FAILURES.get(key);
          if (expected == null) {
            assertThat(outcome).as(key).isEqualTo("OK");
          } else {
            assertThat(outcome).as(key).contains(expected);
          }
        });
  }

  /** The "statements" fixtures of one seed file, by name, in file order. */
  private static Map<String, String> statementFixtures(String seed) throws IOException {
    String text;
    try (InputStream in = SeedScriptsIT.class.getResourceAsStream("/seeds/" + seed + ".sql")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    // The documents write placeholders where a user puts the brokers' addresses
    // (<kafka_broker1_ip>:<kafka_broker1_port>, 192.168.**.**:9092); CREATE refuses a broker list
    // it cannot parse, so the statements run with addresses filled in, as a user would.
    text = PLACEHOLDER_BROKERS.matcher(text).replaceAll("$1\"kafka1:9092,kafka2:9092\"");
    Map<String, String> fixtures = new LinkedHashMap<>();
    String kind = null;
    String name = null;
    List<String> lines = new ArrayList<>();
    for (String line : (text + "\n-- @fixture end end").split("\n", -1)) {
      if (line.startsWith("-- @fixture ")) {
        if ("statements".equals(kind)) {
          fixtures.put(name, String.join("\n", lines));
        }
        String[] parts = line.split("\\s+");
        kind = parts[2];
        name = parts[3];
        lines.clear();
      } else if (kind != null) {
        lines.add(line);
      }
    }
    return fixtures;
  }
}
