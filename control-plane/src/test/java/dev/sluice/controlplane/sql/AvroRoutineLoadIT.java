package dev.sluice.controlplane.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import dev.sluice.controlplane.store.Database;
import dev.sluice.controlplane.store.TestDatabases;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CREATE/ALTER of Avro jobs: the schema registry URL is required, checked, and masked in SHOW. */
class AvroRoutineLoadIT {

  private SqlService sql;
  private Optional<String> session = Optional.empty();

  @BeforeEach
  void setUp() {
    Database database = new Database(TestDatabases.createMigrated("avro"));
    sql = TestSqlServices.create(database, "/tmp/sluice-avro");
    run(
        """
        CREATE DATABASE example_db;
        USE example_db;
        CREATE TABLE sensor_log (`id` bigint NOT NULL, `name` varchar(26) NOT NULL)
        DUPLICATE KEY (id) DISTRIBUTED BY HASH(`id`);
        """);
  }

  private List<SqlService.StatementResult> run(String statements) {
    SqlService.ScriptResult result = sql.execute(statements, session);
    session = result.database();
    return result.results();
  }

  private static String create(String name, String registryProperty) {
    return "CREATE ROUTINE LOAD "
        + name
        + " ON sensor_log PROPERTIES (\"format\" = \"avro\") FROM KAFKA ("
        + "\"kafka_broker_list\" = \"127.0.0.1:9092\", \"kafka_topic\" = \"topic_0\""
        + registryProperty
        + ");";
  }

  @Test
  void avroNeedsASchemaRegistryUrl() {
    assertThatThrownBy(() -> run(create("no_registry", "")))
        .isInstanceOf(SluiceException.class)
        .hasMessage(
            "format \"avro\" needs \"confluent.schema.registry.url\" in FROM KAFKA: the schema"
                + " registry the writer schemas are fetched from")
        .extracting(e -> ((SluiceException) e).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void rejectsAMalformedRegistryUrl() {
    assertThatThrownBy(
            () ->
                run(create("ftp_registry", ", \"confluent.schema.registry.url\" = \"ftp://h:1\"")))
        .isInstanceOf(SluiceException.class)
        .hasMessage("confluent.schema.registry.url must start with http:// or https://");
    assertThatThrownBy(
            () ->
                run(
                    create(
                        "half_credentials",
                        ", \"confluent.schema.registry.url\" = \"https://key@registry:8081\"")))
        .isInstanceOf(SluiceException.class)
        .hasMessage("confluent.schema.registry.url credentials must be written key:secret@");
  }

  @Test
  void showMasksTheRegistryCredentials() {
    run(
        create(
            "sensor_job",
            ", \"confluent.schema.registry.url\" = \"https://api-key:api-secret@registry:8081\""));
    ResultTable table = run("SHOW ROUTINE LOAD FOR sensor_job\\G").get(0).table();
    String custom = table.rows().get(0).get(table.columns().indexOf("CustomProperties"));
    assertThat(custom)
        .isEqualTo("{\"confluent.schema.registry.url\":\"https://******@registry:8081\"}")
        .doesNotContain("api-secret");
    String jobProperties = table.rows().get(0).get(table.columns().indexOf("JobProperties"));
    assertThat(jobProperties).contains("\"format\":\"avro\"");
  }

  @Test
  void alterCannotDropTheRegistryOfAnAvroJobButMayReplaceIt() {
    run(create("altered_job", ", \"confluent.schema.registry.url\" = \"http://registry:8081\""));
    run("PAUSE ROUTINE LOAD FOR altered_job;");
    assertThatThrownBy(
            () ->
                run(
                    "ALTER ROUTINE LOAD FOR altered_job FROM KAFKA"
                        + " (\"confluent.schema.registry.url\" = \"registry:8081\");"))
        .isInstanceOf(SluiceException.class)
        .hasMessage("confluent.schema.registry.url must start with http:// or https://");
    run(
        "ALTER ROUTINE LOAD FOR altered_job FROM KAFKA"
            + " (\"confluent.schema.registry.url\" = \"http://k:s@other:8081\");");
    ResultTable table = run("SHOW ROUTINE LOAD FOR altered_job\\G").get(0).table();
    assertThat(table.rows().get(0).get(table.columns().indexOf("CustomProperties")))
        .isEqualTo("{\"confluent.schema.registry.url\":\"http://******@other:8081\"}");
  }
}
