package dev.sluice.controlplane.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.controlplane.catalog.CatalogService;
import dev.sluice.controlplane.catalog.FileService;
import dev.sluice.controlplane.catalog.StorageVolume;
import dev.sluice.controlplane.catalog.StorageVolumeService;
import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import dev.sluice.controlplane.jobs.JobService;
import dev.sluice.controlplane.jobs.KafkaClientConfig;
import dev.sluice.controlplane.jobs.RoutineLoadView;
import dev.sluice.controlplane.query.QueryService;
import dev.sluice.controlplane.security.SecretCipher;
import dev.sluice.controlplane.store.Database;
import dev.sluice.controlplane.store.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CREATE FILE / SHOW FILE / DROP FILE and jobs naming files, with a secrets key, on a real
 * PostgreSQL: what is refused and why, and that PostgreSQL never holds a secret in plain text.
 */
class FileAndSecretStatementsIT {
  private static final String KEY =
      "-----BEGIN PRIVATE KEY-----\nTUlJQ2RRSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NBbDh3Z2dKYkFnRUFBb0dC\n"
          + "-----END PRIVATE KEY-----\n";
  private static final String PASSWORD = "kafka-password-71f3";

  private DataSource dataSource;
  private SqlService sql;
  private Optional<String> session = Optional.empty();

  @BeforeEach
  void setUp() {
    dataSource = TestDatabases.createMigrated("files");
    Database database = new Database(dataSource);
    SecretCipher cipher = SecretCipher.fromConfig(Optional.of(SecretCipher.newKey()));
    StorageVolumeService volumes = new StorageVolumeService(database, cipher);
    volumes.ensureBuiltin(
        new StorageVolume(
            StorageVolumeService.BUILTIN,
            "S3",
            List.of("s3://bucket/prefix"),
            "",
            Map.of("aws.s3.access_key", "AKIA-BUILTIN", "aws.s3.secret_key", "builtin-secret"),
            true,
            true));
    FileService files = new FileService(database, cipher);
    KafkaClientConfig kafkaClients = new KafkaClientConfig(database, files, cipher);
    sql =
        new SqlService(
            new StatementExecutor(
                new CatalogService(database, volumes),
                volumes,
                new JobService(database, InstantSource.system(), "Etc/UTC", kafkaClients),
                new RoutineLoadView(database, ZoneId.of("Etc/UTC"), cipher),
                new QueryService(
                    database,
                    volumes,
                    Path.of(System.getProperty("java.io.tmpdir"), "sluice-test-query-cache")),
                files));
    run(
        """
        CREATE DATABASE vault;
        USE vault;
        CREATE TABLE events (`id` bigint NOT NULL) DISTRIBUTED BY HASH(id) BUCKETS 1;
        """);
  }

  private List<ResultTable> run(String statements) {
    SqlService.ScriptResult result = sql.execute(statements, session);
    session = result.database();
    return result.results().stream().map(SqlService.StatementResult::table).toList();
  }

  @Test
  void filesAreListedWithoutContentAndRefusedWhenMalformed() {
    run(
        """
        CREATE FILE "client.key" PROPERTIES ("catalog" = "kafka", "content" = "%s");
        CREATE FILE "ca.pem" IN vault PROPERTIES ("catalog" = "kafka", "content" = "x");
        """
            .formatted(KEY));

    ResultTable shown = run("SHOW FILE").get(0);
    assertThat(shown.columns())
        .containsExactly("Id", "DbName", "Catalog", "FileName", "FileSize", "IsContent", "MD5");
    assertThat(shown.rows()).extracting(row -> row.get(3)).containsExactly("ca.pem", "client.key");
    assertThat(shown.rows().get(1).subList(1, 6))
        .containsExactly("vault", "kafka", "client.key", Integer.toString(KEY.length()), "true");
    assertThat(shown.toString()).doesNotContain("PRIVATE KEY");

    assertThatThrownBy(
            () ->
                run(
                    "CREATE FILE \"ca.pem\" PROPERTIES (\"catalog\" = \"kafka\", \"content\" = \"y\")"))
        .isInstanceOf(SluiceException.class)
        .hasMessage("File 'ca.pem' already exists in database 'vault'");
    assertThatThrownBy(
            () ->
                run(
                    "CREATE FILE \"r.pem\" PROPERTIES (\"catalog\" = \"kafka\","
                        + " \"url\" = \"http://example.com/r.pem\")"))
        .isInstanceOf(SluiceException.class)
        .hasMessage(
            "CREATE FILE with \"url\" is not supported: give the file's text as \"content\"");
    assertThatThrownBy(() -> run("CREATE FILE \"e.pem\" PROPERTIES (\"catalog\" = \"kafka\")"))
        .isInstanceOf(SluiceException.class)
        .hasMessage("CREATE FILE needs \"content\": the text of the certificate or key");
    assertThatThrownBy(() -> run("DROP FILE \"nope.pem\""))
        .isInstanceOf(SluiceException.class)
        .satisfies(e -> assertThat(((SluiceException) e).code()).isEqualTo(ErrorCode.UNKNOWN_FILE))
        .hasMessageStartingWith("Unknown file 'nope.pem' in database 'vault'");
    run("DROP FILE \"ca.pem\"");
    assertThat(run("SHOW FILE FROM vault").get(0).rows()).hasSize(1);
  }

  @Test
  void jobsMustNameExistingFilesWhichThenCannotBeDropped() {
    assertThatThrownBy(() -> createJob("FILE:missing.pem"))
        .isInstanceOf(SluiceException.class)
        .hasMessageStartingWith("Unknown file 'missing.pem' in database 'vault'");

    run("CREATE FILE \"ca.pem\" PROPERTIES (\"catalog\" = \"kafka\", \"content\" = \"x\")");
    createJob("FILE:ca.pem");

    assertThatThrownBy(() -> run("DROP FILE \"ca.pem\""))
        .isInstanceOf(SluiceException.class)
        .hasMessage(
            "File 'ca.pem' is used by routine load job 'secured_job'; stop the job or alter its"
                + " properties first");
    run("STOP ROUTINE LOAD FOR secured_job; DROP FILE \"ca.pem\"");
  }

  @Test
  void secretsAreEncryptedInPostgresAndMaskedInShow() throws Exception {
    run(
        "CREATE FILE \"client.key\" PROPERTIES (\"catalog\" = \"kafka\", \"content\" = \""
            + KEY
            + "\")");
    run("CREATE FILE \"ca.pem\" PROPERTIES (\"catalog\" = \"kafka\", \"content\" = \"x\")");
    createJob("FILE:ca.pem");
    run(
        """
        CREATE STORAGE VOLUME probe TYPE = S3 LOCATIONS = ("s3://b/p")
        PROPERTIES ("aws.s3.access_key" = "AKIA-PROBE", "aws.s3.secret_key" = "probe-secret");
        """);

    String shown =
        run("SHOW ROUTINE LOAD FOR secured_job; DESC STORAGE VOLUME probe;"
                + " DESC STORAGE VOLUME builtin_storage_volume")
            .toString();
    assertThat(shown)
        .contains("\"sasl.password\":\"******\"")
        .contains("\"aws.s3.secret_key\":\"******\"")
        .doesNotContain(PASSWORD)
        .doesNotContain("probe-secret")
        .doesNotContain("builtin-secret");

    String stored = storedText();
    assertThat(stored).contains("sealed:v1:").contains("FILE:ca.pem");
    for (String secret :
        List.of(PASSWORD, "probe-secret", "builtin-secret", "AKIA-PROBE", "TUlJQ2RRSUJB")) {
      assertThat(stored).doesNotContain(secret);
    }
  }

  private void createJob(String caFile) {
    run(
        """
        CREATE ROUTINE LOAD secured_job ON events
        FROM KAFKA ("kafka_broker_list" = "127.0.0.1:1", "kafka_topic" = "t",
                    "property.security.protocol" = "SASL_SSL",
                    "property.sasl.mechanism" = "SCRAM-SHA-512",
                    "property.sasl.username" = "carol",
                    "property.sasl.password" = "%s",
                    "property.ssl.ca.location" = "%s")
        """
            .formatted(PASSWORD, caFile));
  }

  private String storedText() throws Exception {
    StringBuilder text = new StringBuilder();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String query :
          List.of(
              "SELECT properties::text FROM storage_volumes",
              "SELECT data_source::text || create_sql FROM routine_load_jobs",
              "SELECT content FROM files")) {
        try (ResultSet rows = statement.executeQuery(query)) {
          while (rows.next()) {
            text.append(rows.getString(1)).append('\n');
          }
        }
      }
    }
    return text.toString();
  }
}
