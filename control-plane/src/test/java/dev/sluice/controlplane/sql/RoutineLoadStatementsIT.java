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
import dev.sluice.controlplane.jobs.KafkaAdminMetadata;
import dev.sluice.controlplane.jobs.KafkaClientConfig;
import dev.sluice.controlplane.jobs.RoutineLoadView;
import dev.sluice.controlplane.jobs.TaskPlanner;
import dev.sluice.controlplane.security.SecretCipher;
import dev.sluice.controlplane.store.Database;
import dev.sluice.controlplane.store.TestDatabases;
import dev.sluice.testing.KafkaBroker;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seeds' statements through the SQL service, against a real PostgreSQL and Kafka: DDL, the
 * routine load life cycle and its rules, and what SHOW reports.
 */
class RoutineLoadStatementsIT {
  private static final AtomicInteger TOPICS = new AtomicInteger();
  private static KafkaAdminMetadata kafka;

  private SqlService sql;
  private TaskPlanner planner;
  private String topic;
  private Optional<String> session = Optional.empty();

  @BeforeAll
  static void startKafka() {
    kafka = new KafkaAdminMetadata();
  }

  @AfterAll
  static void closeKafka() {
    kafka.close();
  }

  @BeforeEach
  void setUp() {
    Database database = new Database(TestDatabases.createMigrated("statements"));
    StorageVolumeService volumes = new StorageVolumeService(database, SecretCipher.disabled());
    volumes.ensureBuiltin(
        new StorageVolume(
            StorageVolumeService.BUILTIN,
            "S3",
            List.of("s3://starrocks"),
            "",
            Map.of(
                "aws.s3.access_key",
                "AKIA-SECRET",
                "aws.s3.secret_key",
                "very-secret",
                "aws.s3.endpoint",
                "minio:9000"),
            true,
            true));
    InstantSource clock = InstantSource.system();
    FileService files = new FileService(database, SecretCipher.disabled());
    KafkaClientConfig kafkaClients =
        new KafkaClientConfig(database, files, SecretCipher.disabled());
    JobService jobs = new JobService(database, clock, "Etc/UTC", kafkaClients);
    sql =
        new SqlService(
            new StatementExecutor(
                new CatalogService(database, volumes),
                volumes,
                jobs,
                new RoutineLoadView(database, ZoneId.of("Etc/UTC"), SecretCipher.disabled()),
                new dev.sluice.controlplane.query.QueryService(
                    database,
                    volumes,
                    java.nio.file.Path.of(
                        System.getProperty("java.io.tmpdir"), "sluice-test-query-cache")),
                files));
    planner = new TaskPlanner(database, kafka, kafkaClients, clock, 5, Duration.ofSeconds(15));
    topic = "ordertest1_" + TOPICS.incrementAndGet();
    KafkaBroker.shared().createTopic(topic, 5);
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

  private Map<String, String> showJob(String name) {
    ResultTable table = single("SHOW ROUTINE LOAD FOR " + name + "\\G");
    assertThat(table.rows()).hasSize(1);
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    for (int i = 0; i < table.columns().size(); i++) {
      fields.put(table.columns().get(i), table.rows().get(0).get(i));
    }
    return fields;
  }

  private void createSeedCsvJob() {
    run(
        """
        CREATE DATABASE example_db;
        USE example_db;
        CREATE TABLE example_db.example_tbl1 (
            `order_id` bigint NOT NULL COMMENT "Order ID",
            `pay_dt` date NOT NULL COMMENT "Payment date",
            `customer_name` varchar(26) NULL COMMENT "Customer name",
            `nationality` varchar(26) NULL COMMENT "Nationality",
            `price`double NULL COMMENT "Price"
        )
        ENGINE=OLAP
        PRIMARY KEY (order_id,pay_dt)
        DISTRIBUTED BY HASH(`order_id`) BUCKETS 5;
        """);
    run(
        """
        CREATE ROUTINE LOAD example_db.example_tbl1_ordertest1 ON example_tbl1
        COLUMNS TERMINATED BY ",",
        COLUMNS (order_id, pay_dt, customer_name, nationality, temp_gender, price)
        PROPERTIES
        (
            "desired_concurrent_number" = "5"
        )
        FROM KAFKA
        (
            "kafka_broker_list" ="%s",
            "kafka_topic" = "%s",
            "kafka_partitions" ="0,1,2,3,4",
            "property.kafka_default_offsets" = "OFFSET_BEGINNING"
        );
        """
            .formatted(KafkaBroker.shared().bootstrapServers(), topic));
  }

  @Test
  void ddlStatementsOfTheSeeds() {
    createSeedCsvJob();
    assertThat(single("SHOW DATABASES").rows()).containsExactly(List.of("example_db"));
    assertThat(single("SHOW TABLES").rows()).containsExactly(List.of("example_tbl1"));
    ResultTable desc = single("DESC example_tbl1");
    assertThat(desc.columns()).containsExactly("Field", "Type", "Null", "Key", "Default", "Extra");
    assertThat(desc.rows())
        .extracting(row -> row.get(0) + " " + row.get(1) + " " + row.get(2) + " " + row.get(3))
        .containsExactly(
            "order_id BIGINT NO true",
            "pay_dt DATE NO true",
            "customer_name VARCHAR(26) YES false",
            "nationality VARCHAR(26) YES false",
            "price DOUBLE YES false");
  }

  @Test
  void createdJobIsPlannedIntoTasksAndShownLikeRoutineLoad() {
    createSeedCsvJob();
    Map<String, String> before = showJob("example_tbl1_ordertest1");
    assertThat(before.get("State")).isEqualTo("NEED_SCHEDULE");

    planner.planAll();

    Map<String, String> job = showJob("example_tbl1_ordertest1");
    assertThat(job.keySet()).containsExactlyElementsOf(RoutineLoadView.JOB_COLUMNS);
    assertThat(job.get("Name")).isEqualTo("example_tbl1_ordertest1");
    assertThat(job.get("DbName")).isEqualTo("example_db");
    assertThat(job.get("TableName")).isEqualTo("example_tbl1");
    assertThat(job.get("State")).isEqualTo("RUNNING");
    assertThat(job.get("DataSourceType")).isEqualTo("KAFKA");
    // No worker has been seen yet: one task, which the first worker to arrive will run.
    assertThat(job.get("CurrentTaskNum")).isEqualTo("1");
    assertThat(job.get("PauseTime")).isEqualTo("NULL");
    assertThat(job.get("JobProperties"))
        .contains("\"partitions\":\"*\"")
        .contains(
            "\"columnToColumnExpr\":\"order_id,pay_dt,customer_name,nationality,temp_gender,price\"")
        .contains("\"desireTaskConcurrentNum\":\"5\"")
        .contains("\"maxBatchRows\":\"200000\"")
        .contains("\"format\":\"csv\"");
    assertThat(job.get("DataSourceProperties"))
        .isEqualTo(
            "{\"topic\":\""
                + topic
                + "\",\"currentKafkaPartitions\":\"0,1,2,3,4\",\"brokerList\":\""
                + KafkaBroker.shared().bootstrapServers()
                + "\"}");
    assertThat(job.get("CustomProperties"))
        .isEqualTo("{\"kafka_default_offsets\":\"OFFSET_BEGINNING\"}");
    assertThat(job.get("Statistic"))
        .isEqualTo(
            "{\"receivedBytes\":0,\"errorRows\":0,\"committedTaskNum\":0,\"loadedRows\":0,"
                + "\"loadRowsRate\":0,\"abortedTaskNum\":0,\"totalRows\":0,\"unselectedRows\":0,"
                + "\"receivedBytesRate\":0,\"taskExecuteTimeMs\":0}");
    assertThat(job.get("Progress"))
        .isEqualTo(
            "{\"0\":\"OFFSET_ZERO\",\"1\":\"OFFSET_ZERO\",\"2\":\"OFFSET_ZERO\",\"3\":\"OFFSET_ZERO\",\"4\":\"OFFSET_ZERO\"}");
    assertThat(job.get("LatestSourcePosition"))
        .isEqualTo("{\"0\":\"0\",\"1\":\"0\",\"2\":\"0\",\"3\":\"0\",\"4\":\"0\"}");

    ResultTable tasks =
        single("SHOW ROUTINE LOAD TASK WHERE JobName = \"example_tbl1_ordertest1\"");
    assertThat(tasks.columns()).containsExactlyElementsOf(RoutineLoadView.TASK_COLUMNS);
    assertThat(tasks.rows()).hasSize(1);
    assertThat(tasks.rows().get(0).get(9)).isEqualTo("{\"0\":0,\"1\":0,\"2\":0,\"3\":0,\"4\":0}");
    assertThat(tasks.rows().get(0).get(1)).isEqualTo("-1");
  }

  @Test
  void latestSourcePositionFollowsTheTopic() throws Exception {
    createSeedCsvJob();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", KafkaBroker.shared().bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      for (int i = 0; i < 3; i++) {
        producer
            .send(new ProducerRecord<>(topic, 2, null, "2020050802,2020-05-08,A,B,male,1"))
            .get();
      }
    }
    planner.planAll();
    assertThat(showJob("example_tbl1_ordertest1").get("LatestSourcePosition"))
        .isEqualTo("{\"0\":\"0\",\"1\":\"0\",\"2\":\"3\",\"3\":\"0\",\"4\":\"0\"}");
  }

  @Test
  void pauseResumeAlterStopFollowRoutineLoadRules() {
    createSeedCsvJob();
    planner.planAll();

    assertThatThrownBy(
            () ->
                run(
                    "ALTER ROUTINE LOAD FOR example_tbl1_ordertest1 PROPERTIES (\"desired_concurrent_number\" = \"6\")"))
        .isInstanceOf(SluiceException.class)
        .hasMessageContaining("Only a PAUSED routine load job can be altered")
        .hasMessageContaining("is RUNNING");

    run("PAUSE ROUTINE LOAD FOR example_tbl1_ordertest1;");
    Map<String, String> paused = showJob("example_tbl1_ordertest1");
    assertThat(paused.get("State")).isEqualTo("PAUSED");
    assertThat(paused.get("PauseTime")).isNotEqualTo("NULL");
    assertThat(paused.get("CurrentTaskNum")).isEqualTo("0");
    assertThat(paused.get("ReasonOfStateChanged")).isEqualTo("paused by user");

    run(
        """
        ALTER ROUTINE LOAD FOR example_tbl1_ordertest1
        PROPERTIES
        (
            "desired_concurrent_number" = "6"
        )
        FROM kafka
        (
            "kafka_partitions" = "0,1,2,3,4",
            "kafka_offsets" = "OFFSET_BEGINNING,OFFSET_BEGINNING,OFFSET_BEGINNING,OFFSET_END,OFFSET_END"
        );
        """);
    assertThat(showJob("example_tbl1_ordertest1").get("JobProperties"))
        .contains("\"desireTaskConcurrentNum\":\"6\"");

    run("RESUME ROUTINE LOAD FOR example_tbl1_ordertest1;");
    assertThat(showJob("example_tbl1_ordertest1").get("State")).isEqualTo("NEED_SCHEDULE");
    planner.planAll();
    assertThat(showJob("example_tbl1_ordertest1").get("State")).isEqualTo("RUNNING");

    run("STOP ROUTINE LOAD FOR example_tbl1_ordertest1;");
    // A stopped job is gone from SHOW ROUTINE LOAD, visible in SHOW ALL, and cannot resume.
    assertThat(single("SHOW ROUTINE LOAD").rows()).isEmpty();
    ResultTable all = single("SHOW ALL ROUTINE LOAD");
    assertThat(all.rows()).hasSize(1);
    assertThat(all.rows().get(0).get(7)).isEqualTo("STOPPED");
    assertThatThrownBy(() -> run("RESUME ROUTINE LOAD FOR example_tbl1_ordertest1"))
        .isInstanceOf(SluiceException.class)
        .hasMessage(
            "Routine load job 'example_tbl1_ordertest1' does not exist in database 'example_db'");
  }

  @Test
  void droppingTheTableCancelsItsJobs() {
    createSeedCsvJob();
    planner.planAll();
    run("DROP TABLE example_tbl1");
    ResultTable all = single("SHOW ALL ROUTINE LOAD");
    assertThat(all.rows().get(0).get(7)).isEqualTo("CANCELLED");
    assertThat(all.rows().get(0).get(16)).isEqualTo("table 'example_tbl1' was dropped");
    assertThatThrownBy(() -> run("RESUME ROUTINE LOAD FOR example_tbl1_ordertest1"))
        .isInstanceOf(SluiceException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void aMissingTopicPausesTheJobWithAReason() {
    run(
        "CREATE DATABASE d; USE d; CREATE TABLE t (k INT NOT NULL) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1;");
    run(
        "CREATE ROUTINE LOAD d.j ON t FROM KAFKA (\"kafka_broker_list\" = \""
            + KafkaBroker.shared().bootstrapServers()
            + "\", \"kafka_topic\" = \"no_such_topic\")");
    planner.planAll();
    Map<String, String> job = showJob("j");
    assertThat(job.get("State")).isEqualTo("PAUSED");
    assertThat(job.get("ReasonOfStateChanged")).contains("'no_such_topic' does not exist");
  }

  @Test
  void badStatementsGetMessagesThatNameTheProblem() {
    createSeedCsvJob();
    assertError(
        "CREATE DATABASE example_db",
        ErrorCode.ALREADY_EXISTS,
        "Can't create database 'example_db'; database exists");
    assertError("USE nowhere", ErrorCode.UNKNOWN_DATABASE, "Unknown database 'nowhere'");
    assertError(
        "SHOW ROUTINE LOAD FOR nope",
        ErrorCode.UNKNOWN_JOB,
        "Routine load job 'nope' does not exist");
    assertError(
        "CREATE TABLE bad (k INT) DUPLICATE KEY(x)",
        ErrorCode.INVALID_ARGUMENT,
        "Key columns must be the first columns");
    assertError(
        "CREATE TABLE bad (k FANCYTYPE)",
        ErrorCode.SYNTAX_ERROR,
        "line 1:20: mismatched input 'FANCYTYPE' expecting data type");
    assertError(
        "CREATE TABLE bad (k DECIMAL(50,2))",
        ErrorCode.SYNTAX_ERROR,
        "line 1:28: DECIMAL precision must be between 1 and 38: 50");
    assertError(
        "CREATE TABLE bad (k INT, v INT) AGGREGATE KEY(k)",
        ErrorCode.INVALID_ARGUMENT,
        "line 1:25: Column 'v' of an AGGREGATE KEY table needs an aggregate function");
    assertError(
        "CREATE ROUTINE LOAD j2 ON example_tbl1 PROPERTIES (\"max_batch_interval\" = \"1\") FROM KAFKA (\"kafka_broker_list\" = \"b:1\", \"kafka_topic\" = \"t\")",
        ErrorCode.INVALID_ARGUMENT,
        "max_batch_interval must be between 5 and 60, got 1");
    assertError(
        "CREATE ROUTINE LOAD j3 ON example_tbl1 COLUMNS (a, b = a + 1) FROM KAFKA (\"kafka_broker_list\" = \"b:1\", \"kafka_topic\" = \"t\")",
        ErrorCode.INVALID_ARGUMENT,
        "derived column 'b' is not a column of the table (columns: order_id, pay_dt, customer_name, nationality, price)");
    assertError(
        "CREATE ROUTINE LOAD j4 ON example_tbl1 COLUMNS (order_id, pay_dt), WHERE pay_dtt > '2020-01-01' FROM KAFKA (\"kafka_broker_list\" = \"b:1\", \"kafka_topic\" = \"t\")",
        ErrorCode.INVALID_ARGUMENT,
        "unknown column 'pay_dtt'");
    assertError(
        "CREATE ROUTINE LOAD j5 ON example_tbl1 COLUMNS (order_id, pay_dt, customer_name = from_unixtime(1, 2, 3)) FROM KAFKA (\"kafka_broker_list\" = \"b:1\", \"kafka_topic\" = \"t\")",
        ErrorCode.INVALID_ARGUMENT,
        "from_unixtime");
    assertError(
        "CREATE ROUTINE LOAD example_tbl1_ordertest1 ON example_tbl1 FROM KAFKA (\"kafka_broker_list\" = \"b:1\", \"kafka_topic\" = \"t\")",
        ErrorCode.ALREADY_EXISTS,
        "Routine load job 'example_tbl1_ordertest1' already exists");
    assertError(
        "CREATE ROUTINE LOAD x ON example_tbl1 PROPERTIES (\"format\"=\"json\", \"jsonpaths\"=\"[\\\"$.a\\\"]\") FROM KAFKA (\"kafka_broker_list\" = \"b:1\", \"kafka_topic\" = \"t\")",
        ErrorCode.INVALID_ARGUMENT,
        "jsonpaths has 1 paths but the table has 5 source columns");
    assertError(
        "CREATE ROUTINE LOAD db.j ON t PROPERTIES (\"a\"=\"b\") FORM KAFKA (\"x\"=\"y\")",
        ErrorCode.SYNTAX_ERROR,
        "FORM");
    assertError(
        "SELECT * FROM nowhere", ErrorCode.UNKNOWN_TABLE, "Unknown table 'example_db.nowhere'");
    assertError("SELECT nope FROM example_tbl1", ErrorCode.INVALID_ARGUMENT, "SELECT failed");
  }

  @Test
  void selectOnATableWithoutCommittedFilesReturnsItsColumnsAndNoRows() {
    createSeedCsvJob();
    ResultTable empty = single("SELECT * FROM example_tbl1");
    assertThat(empty.columns())
        .containsExactly("order_id", "pay_dt", "customer_name", "nationality", "price");
    assertThat(empty.rows()).isEmpty();
    assertThat(single("SELECT count(*) AS n FROM example_db.example_tbl1").rows())
        .containsExactly(List.of("0"));
  }

  @Test
  void storageVolumesAreShownWithSecretsMasked() {
    assertThat(single("SHOW STORAGE VOLUMES").rows())
        .containsExactly(List.of("builtin_storage_volume"));
    ResultTable desc = single("DESC STORAGE VOLUME builtin_storage_volume\\G");
    assertThat(desc.columns())
        .containsExactly("Name", "Type", "IsDefault", "Location", "Params", "Enabled", "Comment");
    List<String> row = desc.rows().get(0);
    assertThat(row.subList(0, 4))
        .containsExactly("builtin_storage_volume", "S3", "true", "s3://starrocks");
    assertThat(row.get(4))
        .contains("\"aws.s3.access_key\":\"******\"")
        .contains("\"aws.s3.secret_key\":\"******\"")
        .contains("\"aws.s3.endpoint\":\"minio:9000\"")
        .doesNotContain("very-secret")
        .doesNotContain("AKIA-SECRET");
  }

  private void assertError(String statement, ErrorCode code, String message) {
    assertThatThrownBy(() -> run(statement))
        .isInstanceOf(SluiceException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((SluiceException) e).code())
        .isEqualTo(code);
  }
}
