package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** `sluice sql` as a user runs it: a separate process talking to a running control plane. */
class SqlShellIT {
  private static SluiceCluster cluster;

  @BeforeAll
  static void start() {
    cluster = new SluiceCluster("shell");
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private record Run(int exit, String out, String err) {}

  private static Run sluice(String... args) throws Exception {
    Process process = new ProcessBuilder(SluiceCli.command(args)).start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), out, err);
  }

  @Test
  void statementsPrintLikeTheMysqlClient() throws Exception {
    Run run =
        sluice(
            "sql",
            "--server",
            cluster.adminAddress(),
            "-e",
            "CREATE DATABASE quickstart; USE quickstart;"
                + " CREATE TABLE site_clicks (`uid` bigint NOT NULL, `site` string NOT NULL)"
                + " DISTRIBUTED BY HASH(`uid`); SHOW TABLES; DESC STORAGE VOLUME builtin_storage_volume\\G");
    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("Query OK")
        .contains("Database changed")
        .contains(
            """
            +----------------------+
            | Tables_in_quickstart |
            +----------------------+
            | site_clicks          |
            +----------------------+
            1 row in set""")
        .contains("*************************** 1. row ***************************")
        .contains("     Name: builtin_storage_volume")
        .contains("\"aws.s3.secret_key\":\"******\"");
  }

  @Test
  void aBadStatementPrintsOneErrorLineAndFails() throws Exception {
    Run run = sluice("sql", "--server", cluster.adminAddress(), "-e", "SHOW ROUTINE LOAD FOR nope");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "ERROR [NO_DATABASE_SELECTED] No database selected: run USE <database> or qualify the name as db.name\n");

    Run syntax = sluice("sql", "--server", cluster.adminAddress(), "-e", "CREAT DATABASE x");
    assertThat(syntax.exit()).isEqualTo(1);
    assertThat(syntax.err())
        .startsWith("ERROR [SYNTAX_ERROR] line 1:0")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }
}
