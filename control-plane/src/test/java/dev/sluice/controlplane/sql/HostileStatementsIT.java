package dev.sluice.controlplane.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import dev.sluice.controlplane.store.Database;
import dev.sluice.controlplane.store.TestDatabases;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile statements through the SQL service on a real PostgreSQL: names and values that look like
 * SQL injection are stored and shown as data, and unterminated, huge or unknown input gets an error
 * that names the problem, after which the service keeps working.
 */
class HostileStatementsIT {
  private static final String EVIL = "x'; DROP TABLE tables; --";

  private SqlService sql;
  private Optional<String> session = Optional.empty();

  @BeforeEach
  void setUp() {
    Database database = new Database(TestDatabases.createMigrated("hostile"));
    sql = TestSqlServices.create(database, "/tmp/sluice-hostile");
  }

  private List<ResultTable> run(String statements) {
    SqlService.ScriptResult result = sql.execute(statements, session);
    session = result.database();
    return result.results().stream().map(SqlService.StatementResult::table).toList();
  }

  private ResultTable single(String statement) {
    List<ResultTable> results = run(statement);
    assertThat(results).hasSize(1);
    return results.get(0);
  }

  private void assertError(String statement, ErrorCode code, String message) {
    assertThatThrownBy(() -> run(statement))
        .isInstanceOf(SluiceException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((SluiceException) e).code())
        .isEqualTo(code);
  }

  private Map<String, String> showJob(String name) {
    ResultTable table = single("SHOW ROUTINE LOAD FOR " + name + "\\G");
    assertThat(table.rows()).hasSize(1);
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < table.columns().size(); i++) {
      fields.put(table.columns().get(i), table.rows().get(0).get(i));
    }
    return fields;
  }

  @Test
  void bucketsAboveTheLimitAreRefusedAtCreate() {
    run("CREATE DATABASE b; USE b");
    assertError(
        "CREATE TABLE many (k bigint NOT NULL) DISTRIBUTED BY HASH(k) BUCKETS 100000",
        ErrorCode.INVALID_ARGUMENT,
        "The number of buckets is too large, the maximum is 1024: 100000");
    assertError(
        "CREATE TABLE many (k bigint NOT NULL) DISTRIBUTED BY RANDOM BUCKETS 1025",
        ErrorCode.INVALID_ARGUMENT,
        "The number of buckets is too large, the maximum is 1024: 1025");
    assertThat(single("SHOW TABLES").rows()).isEmpty();
    run("CREATE TABLE most (k bigint NOT NULL) DISTRIBUTED BY HASH(k) BUCKETS 1024");
    assertThat(single("SHOW TABLES").rows()).containsExactly(List.of("most"));
  }

  @Test
  void namesThatLookLikeInjectionAreJustNames() {
    String quotedDb = "`" + EVIL + "`";
    run("CREATE DATABASE " + quotedDb + "; USE " + quotedDb);
    assertThat(session).contains(EVIL);
    run(
        """
        CREATE TABLE `t"; DROP TABLE manifest_files; --` (
            `k'1` bigint NOT NULL COMMENT 'it''s; DROP TABLE tasks; --',
            `v"2` varchar(20) NULL
        ) DUPLICATE KEY (`k'1`) DISTRIBUTED BY HASH(`k'1`) BUCKETS 1
        """);
    assertThat(single("SHOW DATABASES").rows()).containsExactly(List.of(EVIL));
    assertThat(single("SHOW TABLES").rows())
        .containsExactly(List.of("t\"; DROP TABLE manifest_files; --"));
    ResultTable desc = single("DESC `t\"; DROP TABLE manifest_files; --`");
    assertThat(desc.rows()).extracting(row -> row.get(0)).containsExactly("k'1", "v\"2");

    // The names reach DuckDB too, quoted in its dialect.
    ResultTable select =
        single("SELECT `k'1`, `v\"2` FROM `t\"; DROP TABLE manifest_files; --` WHERE `v\"2` = 'a'");
    assertThat(select.columns()).containsExactly("k'1", "v\"2");
    assertThat(select.rows()).isEmpty();
  }

  @Test
  void valuesThatLookLikeInjectionAreJustValues() {
    run(
        """
        CREATE DATABASE d; USE d;
        CREATE TABLE t (k bigint NOT NULL, v varchar(30) NULL) DUPLICATE KEY (k)
        DISTRIBUTED BY HASH(k) BUCKETS 1;
        CREATE ROUTINE LOAD `job'; DROP TABLE routine_load_jobs; --` ON t
        COLUMNS (k, tmp, v = concat(tmp, '\\'); DROP TABLE tables; --')),
        WHERE v <> '''; DELETE FROM job_partitions; --'
        PROPERTIES ("max_error_number" = "10")
        FROM KAFKA (
            "kafka_broker_list" = "127.0.0.1:1",
            "kafka_topic" = "orders",
            "property.client.id" = "'; DROP TABLE routine_load_jobs; --"
        )
        """);
    Map<String, String> job = showJob("`job'; DROP TABLE routine_load_jobs; --`");
    assertThat(job.get("Name")).isEqualTo("job'; DROP TABLE routine_load_jobs; --");
    assertThat(job.get("CustomProperties")).contains("'; DROP TABLE routine_load_jobs; --");
    assertThat(job.get("JobProperties"))
        .contains("DROP TABLE tables; --")
        .contains("DELETE FROM job_partitions; --");
    // Every catalog table is still there and answers.
    assertThat(single("SHOW TABLES").rows()).containsExactly(List.of("t"));
    assertThat(single("SHOW ROUTINE LOAD").rows()).hasSize(1);
  }

  @Test
  void unknownPropertiesAreNamed() {
    run(
        """
        CREATE DATABASE d; USE d;
        CREATE TABLE t (k bigint NOT NULL) DUPLICATE KEY (k) DISTRIBUTED BY HASH(k) BUCKETS 1;
        """);
    assertError(
        "CREATE ROUTINE LOAD j ON t PROPERTIES (\"max_error_nmuber\" = \"5\")"
            + " FROM KAFKA (\"kafka_broker_list\" = \"b:1\", \"kafka_topic\" = \"t\")",
        ErrorCode.INVALID_ARGUMENT,
        "Unknown property 'max_error_nmuber'");
    assertError(
        "CREATE ROUTINE LOAD j ON t"
            + " FROM KAFKA (\"kafka_broker_list\" = \"b:1\", \"kafka_topic\" = \"t\","
            + " \"kafka_topik\" = \"t\")",
        ErrorCode.INVALID_ARGUMENT,
        "kafka_topik");
    assertError(
        "CREATE ROUTINE LOAD j ON t PROPERTIES (\"max_error_number\" = \"'; DROP TABLE t; --\")"
            + " FROM KAFKA (\"kafka_broker_list\" = \"b:1\", \"kafka_topic\" = \"t\")",
        ErrorCode.INVALID_ARGUMENT,
        "max_error_number");
  }

  @Test
  void unterminatedAndHugeInputGetsASyntaxErrorAndTheServiceGoesOn() {
    assertError(
        "CREATE DATABASE d; SELECT * FROM t WHERE v = 'never closed",
        ErrorCode.SYNTAX_ERROR,
        "line 1:45: unterminated string: no closing ' found");
    assertError(
        "CREATE DATABASE `never closed", ErrorCode.SYNTAX_ERROR, "unterminated quoted identifier");
    assertError(
        "SELECT " + "a, ".repeat(400_000) + "b FROM t", ErrorCode.SYNTAX_ERROR, "input too long");
    assertError(
        "CREATE DATABASE `" + "d".repeat(1 << 20) + "`",
        ErrorCode.SYNTAX_ERROR,
        "name too long: 1048576 characters, at most 256 are allowed");
    // Nothing of the failed scripts was applied, and the service still answers.
    assertThat(single("SHOW DATABASES").rows()).isEmpty();
    run("CREATE DATABASE fine");
    assertThat(single("SHOW DATABASES").rows()).containsExactly(List.of("fine"));
  }

  @Test
  void aNulCharacterIsAUserErrorNotAnOutage() {
    assertError(
        "CREATE DATABASE `a\u0000b`", ErrorCode.SYNTAX_ERROR, "NUL character (U+0000) in a name");
    // Written as an escape it passes the parser; PostgreSQL refuses it, and that is the user's
    // error too, not DATABASE_UNAVAILABLE (which clients retry).
    run("CREATE DATABASE d; USE d");
    assertError(
        "CREATE TABLE t (k bigint NOT NULL COMMENT 'a\\0b') DUPLICATE KEY (k)"
            + " DISTRIBUTED BY HASH(k) BUCKETS 1",
        ErrorCode.INVALID_ARGUMENT,
        "Value rejected by PostgreSQL");
    assertThat(single("SHOW TABLES").rows()).isEmpty();
  }
}
