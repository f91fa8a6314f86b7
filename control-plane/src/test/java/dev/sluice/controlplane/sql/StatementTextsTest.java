package dev.sluice.controlplane.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.SqlParser;
import org.junit.jupiter.api.Test;

class StatementTextsTest {

  @Test
  void eachStatementKeepsOnlyItsOwnText() {
    String sql =
        """
        CREATE FILE "k" PROPERTIES ("catalog" = "kafka", "content" = "-----BEGIN
        secret
        -----END");  CREATE DATABASE d;
        SHOW DATABASES\\G
        CREATE TABLE d.t (a INT);""";

    assertThat(SqlService.statementTexts(sql, SqlParser.parseStatements(sql)))
        .containsExactly(
            "CREATE FILE \"k\" PROPERTIES (\"catalog\" = \"kafka\", \"content\" ="
                + " \"-----BEGIN\nsecret\n-----END\")",
            "CREATE DATABASE d",
            "SHOW DATABASES",
            "CREATE TABLE d.t (a INT)");
  }
}
