package dev.sluice.sql;

import static dev.sluice.sql.SqlParser.parseStatement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.tree.CreateFile;
import dev.sluice.sql.tree.DropFile;
import dev.sluice.sql.tree.ShowFiles;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FileStatementsTest {

  @Test
  void createFileKeepsMultiLineContentVerbatim() {
    CreateFile file =
        (CreateFile)
            parseStatement(
                """
                CREATE FILE "client.key" IN example_db
                PROPERTIES ("catalog" = "kafka", "content" = "-----BEGIN PRIVATE KEY-----
                MIIB
                -----END PRIVATE KEY-----
                ")""");

    assertThat(file.name()).isEqualTo("client.key");
    assertThat(file.database()).contains("example_db");
    assertThat(file.properties().asMap())
        .isEqualTo(
            Map.of(
                "catalog",
                "kafka",
                "content",
                "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n"));
  }

  @Test
  void createFileNeedsProperties() {
    assertThatThrownBy(() -> parseStatement("CREATE FILE \"ca.pem\""))
        .isInstanceOf(SqlParseException.class)
        .hasMessageContaining("PROPERTIES");
  }

  @Test
  void showAndDropFiles() {
    assertThat(parseStatement("SHOW FILE FROM example_db"))
        .isInstanceOfSatisfying(
            ShowFiles.class, show -> assertThat(show.database()).contains("example_db"));
    assertThat(parseStatement("SHOW FILE"))
        .isInstanceOfSatisfying(
            ShowFiles.class, show -> assertThat(show.database()).isEqualTo(Optional.empty()));
    DropFile drop =
        (DropFile) parseStatement("DROP FILE 'ca.pem' FROM db PROPERTIES ('catalog' = 'kafka')");
    assertThat(drop.name()).isEqualTo("ca.pem");
    assertThat(drop.database()).contains("db");
    assertThat(drop.properties().asMap()).containsEntry("catalog", "kafka");
  }

  @Test
  void fileIsNotReserved() {
    assertThat(parseStatement("CREATE TABLE file (file INT)")).isNotNull();
  }
}
