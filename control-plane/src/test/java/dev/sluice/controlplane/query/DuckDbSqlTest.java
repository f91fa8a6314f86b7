package dev.sluice.controlplane.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.SqlParser;
import org.junit.jupiter.api.Test;

class DuckDbSqlTest {

  private static String duck(String starRocks) {
    return DuckDbSql.expression(SqlParser.parseExpression(starRocks));
  }

  @Test
  void namesWithQuotesStayOneName() {
    assertThat(duck("`a\"b` = 1")).isEqualTo("\"a\"\"b\" = 1");
    assertThat(duck("`a``b` = 1")).isEqualTo("\"a`b\" = 1");
  }

  @Test
  void stringsWithQuotesAndEscapesStayOneString() {
    // Without the rewrite, DuckDB would end the string at \' and read OR 1 = 1 as SQL.
    assertThat(duck("v = 'x\\' OR 1 = 1 --'")).isEqualTo("\"v\" = 'x'' OR 1 = 1 --'");
    assertThat(duck("v = 'it''s'")).isEqualTo("\"v\" = 'it''s'");
    assertThat(duck("v = 'a\\\\b'")).isEqualTo("\"v\" = 'a\\b'");
    assertThat(duck("v = 'line\\nbreak'")).isEqualTo("\"v\" = 'line\nbreak'");
    assertThat(duck("v = \"double \\\"quoted\\\"\"")).isEqualTo("\"v\" = 'double \"quoted\"'");
  }

  @Test
  void likeEscapesAreKept() {
    assertThat(duck("v LIKE 'a\\%b'")).isEqualTo("\"v\" LIKE 'a\\%b'");
  }
}
