package dev.sluice.sql;

import static dev.sluice.sql.SqlParser.parseExpression;
import static dev.sluice.sql.SqlParser.parseStatement;
import static dev.sluice.sql.SqlParser.parseStatements;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.sql.tree.Position;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Users never see a stack trace, so every message must say what and where. */
class ParseErrorTest {

  @Nested
  class Syntax {

    @Test
    void misspelledKeywordIsNamedWithItsPosition() {
      SqlParseException error =
          catchThrowableOfType(
              SqlParseException.class,
              () ->
                  parseStatement(
                      "CREATE ROUTINE LOAD db.j ON t PROPERTIES (\"a\"=\"b\") FORM KAFKA (\"x\"=\"y\")"));
      assertThat(error).hasMessage("line 1:51: mismatched input 'FORM' expecting 'FROM'");
      assertThat(error.line()).isEqualTo(1);
      assertThat(error.column()).isEqualTo(51);
      assertThat(error.position()).isEqualTo(new Position(1, 51));
      assertThat(error.detail()).isEqualTo("mismatched input 'FORM' expecting 'FROM'");
    }

    @Test
    void positionsCountLinesFromOneAndColumnsFromZero() {
      assertThatThrownBy(
              () ->
                  parseStatement(
                      "CREATE ROUTINE LOAD db.j ON t\nPROPERTIES (\"a\" = \"b\")\nFROM KAFKA (\"x\" = )"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 3:18: mismatched input ')' expecting string");
    }

    @Test
    void unknownStatement() {
      assertThatThrownBy(() -> parseStatements("FOO BAR"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage(
              "line 1:0: unknown statement 'FOO' (a statement starts with ALTER, CREATE, DESC,"
                  + " DESCRIBE, DROP, PAUSE, RESUME, SELECT, SET, SHOW, STOP or USE)");
      assertThatThrownBy(() -> parseStatements("SHOW DATABASES;\n  INSERT INTO t VALUES (1)"))
          .isInstanceOf(SqlParseException.class)
          .hasMessageStartingWith("line 2:2: unknown statement 'INSERT'");
    }

    @Test
    void unknownKindOfCreateShowOrDrop() {
      assertThatThrownBy(() -> parseStatement("CREATE VIEW v AS SELECT 1"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage(
              "line 1:7: mismatched input 'VIEW' expecting one of: 'DATABASE', 'FILE',"
                  + " 'ROUTINE', 'STORAGE', 'TABLE'");
      assertThatThrownBy(() -> parseStatement("SHOW PROCESSLIST"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage(
              "line 1:5: mismatched input 'PROCESSLIST' expecting one of: 'ALL', 'DATABASES',"
                  + " 'FILE', 'ROUTINE', 'STORAGE', 'TABLES'");
      assertThatThrownBy(() -> parseStatement("DROP ROUTINE LOAD j"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage(
              "line 1:5: mismatched input 'ROUTINE' expecting one of: 'DATABASE', 'FILE',"
                  + " 'STORAGE', 'TABLE'");
    }

    @Test
    void skippedOptionalClausesAreListedToo() {
      assertThatThrownBy(() -> parseStatement("SHOW ROUTINE LOAD FRO example_db"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage(
              "line 1:18: mismatched input 'FRO' expecting one of: ';', 'FOR', 'FROM', 'IN',"
                  + " 'TASK', '\\G', end of input");
      assertThatThrownBy(
              () -> parseStatement("CREATE ROUTINE LOAD db.j ON t COLUMNS TERMINATD BY ','"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage(
              "line 1:38: mismatched input 'TERMINATD' expecting one of: '(', 'TERMINATED'");
    }

    @Test
    void longExpectationListsAreLeftOut() {
      assertThatThrownBy(() -> parseStatement("CREATE TABLE t (a INT) ENGIN=OLAP"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 1:23: mismatched input 'ENGIN'");
    }

    @Test
    void groupsOfTokensAreNamed() {
      assertThatThrownBy(() -> parseStatement("SELECT FROM t"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage(
              "line 1:7: mismatched input 'FROM' expecting one of: expression, '*', 'DISTINCT'");
      assertThatThrownBy(() -> parseStatement("CREATE TABLE t (a ARRAY<INT>)"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 1:18: mismatched input 'ARRAY' expecting data type");
      assertThatThrownBy(() -> parseStatement("CREATE DATABASE 'quoted'"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 1:16: mismatched input ''quoted'' expecting one of: identifier, 'IF'");
      assertThatThrownBy(
              () -> parseStatement("ALTER ROUTINE LOAD FOR j PROPERTIES (format = 'json')"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 1:37: mismatched input 'format' expecting string");
    }

    @Test
    void endOfInput() {
      assertThatThrownBy(() -> parseStatement("SELECT a FROM"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 1:13: unexpected end of input, expecting identifier");
      assertThatThrownBy(() -> parseExpression("a AND"))
          .isInstanceOf(SqlParseException.class)
          .hasMessageStartingWith("line 1:5: unexpected end of input");
      assertThatThrownBy(() -> parseExpression("   "))
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 1:3: unexpected end of input, expecting expression");
    }

    @Test
    void missingTerminatorBetweenStatements() {
      assertThatThrownBy(() -> parseStatements("SHOW DATABASES SHOW TABLES"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage(
              "line 1:15: mismatched input 'SHOW' expecting one of: ';', '\\G', end of input");
    }

    @Test
    void trailingGarbageAfterAnExpression() {
      assertThatThrownBy(() -> parseExpression("a = 1 b"))
          .isInstanceOf(SqlParseException.class)
          .hasMessageStartingWith("line 1:6: mismatched input 'b'");
    }
  }

  @Nested
  class EmptyInput {

    @ParameterizedTest(name = "[{index}]")
    @ValueSource(
        strings = {"", "   \n\t", ";", ";;\n;", "-- just a comment", "/* nothing */ # here"})
    void isAnError(String sql) {
      assertThatThrownBy(() -> parseStatements(sql))
          .isInstanceOf(SqlParseException.class)
          .hasMessageMatching("line \\d+:\\d+: empty input: no statement found");
    }

    @Test
    void singleStatementMeansOne() {
      assertThatThrownBy(() -> parseStatement("SHOW DATABASES; SHOW TABLES"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 1:16: expected a single statement, but another one starts here");
    }
  }

  @Nested
  class Semantics {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiterString = "==>",
        quoteCharacter = '^',
        value = {
          "CREATE ROUTINE LOAD j ON t FROM PULSAR (\"a\" = \"b\") ==> line 1:32: unsupported data source 'PULSAR': only KAFKA is supported",
          "ALTER ROUTINE LOAD FOR j FROM kinesis (\"a\" = \"b\") ==> line 1:30: unsupported data source 'kinesis': only KAFKA is supported",
          "CREATE STORAGE VOLUME v TYPE = HDFS LOCATIONS = ('hdfs://x') ==> line 1:31: unsupported storage volume type 'HDFS': only S3 is supported",
          "ALTER ROUTINE LOAD FOR j PROPERTIES ('format' = 'json', 'FORMAT' = 'csv') ==> line 1:56: duplicate property 'format'",
          "ALTER ROUTINE LOAD FOR j FROM KAFKA ('' = 'x') ==> line 1:37: property key must not be empty",
          "ALTER ROUTINE LOAD FOR j WHERE a > 1, WHERE b > 2 ==> line 1:38: duplicate WHERE clause",
          "ALTER ROUTINE LOAD FOR j COLUMNS TERMINATED BY ',', COLUMNS TERMINATED BY ';' ==> line 1:52: duplicate COLUMNS TERMINATED BY clause",
          "ALTER ROUTINE LOAD FOR j COLUMNS (a, b), COLUMNS (c) ==> line 1:41: duplicate COLUMNS clause",
          "ALTER ROUTINE LOAD FOR j PARTITION (p1), TEMPORARY PARTITION (p2) ==> line 1:41: duplicate PARTITION clause",
          "CREATE TABLE t (a INT) ENGINE = OLAP ENGINE = OLAP ==> line 1:37: duplicate ENGINE clause",
          "CREATE TABLE t (a INT) DISTRIBUTED BY RANDOM DISTRIBUTED BY HASH(a) ==> line 1:45: duplicate DISTRIBUTED BY clause",
          "CREATE TABLE t (a INT, b INT, A STRING) ==> line 1:30: duplicate column 'A'",
          "CREATE TABLE t (a INT NULL NOT NULL) ==> line 1:27: duplicate NULL / NOT NULL in the definition of column 'a'",
          "CREATE TABLE t (a INT DEFAULT 1 DEFAULT 2) ==> line 1:32: duplicate DEFAULT in the definition of column 'a'",
          "CREATE TABLE t (a DATE) PARTITION BY RANGE(a) (PARTITION p1 VALUES LESS THAN ('2024-01-01')) ==> line 1:37: PARTITION BY RANGE is not supported: partition by columns or an expression instead, e.g. PARTITION BY dt or PARTITION BY date_trunc('day', event_time)",
          "CREATE TABLE t (c STRING) PARTITION BY LIST (c) (PARTITION p1 VALUES IN ('x')) ==> line 1:39: PARTITION BY LIST is not supported: partition by columns or an expression instead, e.g. PARTITION BY dt or PARTITION BY date_trunc('day', event_time)",
          "CREATE TABLE t (a INT) PARTITION BY a + 1 ==> line 1:36: a partition expression must be a column or a function call",
          "CREATE TABLE t (a DECIMAL(40, 2)) ==> line 1:26: DECIMAL precision must be between 1 and 38: 40",
          "CREATE TABLE t (a DECIMAL(5, 6)) ==> line 1:29: DECIMAL scale 6 must not be larger than the precision 5",
          "CREATE TABLE t (a VARCHAR(0)) ==> line 1:26: VARCHAR length must be at least 1",
          "CREATE TABLE t (a VARCHAR(99999999999)) ==> line 1:26: VARCHAR length '99999999999' is too large",
          "CREATE TABLE t (a INT) DISTRIBUTED BY HASH(a) BUCKETS 0 ==> line 1:54: BUCKETS must be at least 1",
          "SELECT a FROM t LIMIT 99999999999999999999 ==> line 1:22: LIMIT '99999999999999999999' is too large",
          "SHOW ROUTINE LOAD TASK WHERE JobName LIKE 'x%' ==> line 1:29: SHOW ROUTINE LOAD TASK supports only WHERE JobName = \"<job name>\"",
          "SHOW ALL ROUTINE LOAD TASK WHERE JobName = 'x' ==> line 1:5: SHOW ALL ROUTINE LOAD TASK is not supported: use SHOW ROUTINE LOAD TASK",
          "DESC a.b.c ==> line 1:5: too many parts in name 'a.b.c': expected name or database.name",
          "SELECT a.b.c FROM t ==> line 1:7: too many parts in column reference 'a.b.c': expected column or table.column",
          "DESC `` ==> line 1:5: empty quoted identifier ``",
        })
    void isExplained(String sql, String message) {
      assertThatThrownBy(() -> parseStatements(sql.strip()))
          .isInstanceOf(SqlParseException.class)
          .hasMessage(message.strip());
    }
  }
}
