package dev.sluice.controlplane.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import dev.sluice.controlplane.jobs.KafkaAdminMetadata;
import dev.sluice.controlplane.jobs.TaskPlanner;
import dev.sluice.controlplane.security.SecretCipher;
import dev.sluice.controlplane.store.Database;
import dev.sluice.controlplane.store.TestDatabases;
import dev.sluice.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The FROM KAFKA clause against a real PostgreSQL and Kafka: which broker lists CREATE accepts,
 * what OtherMsg says when Kafka cannot be reached, and where the planner starts a partition added
 * to the topic of a running job.
 */
class KafkaSourceStatementsIT {
  private static final AtomicInteger TOPICS = new AtomicInteger();
  private static KafkaAdminMetadata kafka;

  private Database database;
  private SqlService sql;
  private TaskPlanner planner;
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
    database = new Database(TestDatabases.createMigrated("kafka_source"));
    sql = TestSqlServices.create(database, "/tmp/sluice-kafka-source");
    planner =
        new TaskPlanner(
            database,
            kafka,
            TestSqlServices.kafkaClients(database, SecretCipher.disabled()),
            InstantSource.system(),
            5,
            Duration.ofSeconds(15));
    run(
        "CREATE DATABASE d; USE d;"
            + " CREATE TABLE t (k INT NOT NULL) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1;");
  }

  private List<SqlService.StatementResult> run(String statements) {
    SqlService.ScriptResult result = sql.execute(statements, session);
    session = result.database();
    return result.results();
  }

  private Map<String, String> showJob(String name) {
    ResultTable table = run("SHOW ROUTINE LOAD FOR " + name).get(0).table();
    Map<String, String> fields = new TreeMap<>();
    for (int i = 0; i < table.columns().size(); i++) {
      fields.put(table.columns().get(i), table.rows().get(0).get(i));
    }
    return fields;
  }

  private static String createJob(String name, String brokers, String topic, String extra) {
    return "CREATE ROUTINE LOAD "
        + name
        + " ON t FROM KAFKA (\"kafka_broker_list\" = \""
        + brokers
        + "\", \"kafka_topic\" = \""
        + topic
        + "\""
        + extra
        + ")";
  }

  @Test
  void brokerListsThatCannotBeParsedAreRefusedAtCreate() {
    assertRefused("256.1.1.1:99999", "kafka_broker_list: '256.1.1.1:99999' has port 99999");
    assertRefused("kafka1", "kafka_broker_list: 'kafka1' has no port; write host:port");
    assertRefused("kafka1:", "kafka_broker_list: 'kafka1:' has no port; write host:port");
    assertRefused(":9092", "kafka_broker_list: ':9092' has no host");
    assertRefused("kafka1:0", "kafka_broker_list: 'kafka1:0' has port 0");
    assertRefused("kafka1:90a", "kafka_broker_list: 'kafka1:90a' has port 90a");
    assertRefused("kafka1:9092,,kafka2:9092", "kafka_broker_list has an empty entry");
    assertRefused("kafka1:9092,", "kafka_broker_list has an empty entry");
    assertRefused("256.1.1.1:9092", "kafka_broker_list: '256.1.1.1' is not an IPv4 address");
    assertRefused(
        "<kafka_broker1_ip>:<kafka_broker1_port>",
        "kafka_broker_list: '<kafka_broker1_ip>:<kafka_broker1_port>' has port"
            + " <kafka_broker1_port>");
    assertRefused(
        "192.168.**.**:9092", "kafka_broker_list: '192.168.**.**' is not a host name or address");
    assertThat(showAll()).isEmpty();

    run(createJob("good", " kafka-1.example:9092 , 10.0.0.7:9093,[::1]:9094", "t", ""));
    assertThat(showJob("good").get("DataSourceProperties"))
        .contains("\"brokerList\":\"kafka-1.example:9092,10.0.0.7:9093,[::1]:9094\"");
  }

  @Test
  void theBrokerListCannotBeAltered() {
    run(createJob("j", "127.0.0.1:1", "t", ""));
    run("PAUSE ROUTINE LOAD FOR j");
    for (String brokers : List.of("256.1.1.1:99999", "127.0.0.1:2")) {
      assertThatThrownBy(
              () ->
                  run(
                      "ALTER ROUTINE LOAD FOR j FROM KAFKA (\"kafka_broker_list\" = \""
                          + brokers
                          + "\")"))
          .isInstanceOf(SluiceException.class)
          .hasMessage("kafka_broker_list cannot be altered; create a new job instead")
          .extracting(e -> ((SluiceException) e).code())
          .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
  }

  @Test
  void aJobWhoseKafkaCannotBeReachedSaysWhyInOtherMsg() {
    run(createJob("refused", "127.0.0.1:1", "t", ""));
    run(createJob("unknown_host", "no-such-host.invalid:9092", "t", ""));
    long started = System.nanoTime();
    planner.planAll();
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    Map<String, String> refused = showJob("refused");
    assertThat(refused.get("State")).isEqualTo("NEED_SCHEDULE");
    assertThat(refused.get("OtherMsg"))
        .startsWith("Kafka at 127.0.0.1:1 did not answer for topic 't' within 5 s");
    Map<String, String> unknown = showJob("unknown_host");
    assertThat(unknown.get("State")).isEqualTo("NEED_SCHEDULE");
    assertThat(unknown.get("OtherMsg"))
        .isEqualTo(
            "Kafka at no-such-host.invalid:9092 cannot be reached for topic 't': No resolvable"
                + " bootstrap urls given in bootstrap.servers");
    // One bounded wait for the unreachable broker, none for the host that does not resolve.
    assertThat(took).isLessThan(Duration.ofSeconds(8));
  }

  @Test
  void aPartitionAddedToTheTopicOfARunningJobStartsAtItsBeginning() {
    String topic = newTopic();
    run(createJob("j", KafkaBroker.shared().bootstrapServers(), topic, ""));
    planner.planAll();
    addPartitionWithRecords(topic);
    planner.planAll();
    // Partition 0, present at CREATE, started at its end; the added partition 1 at its beginning.
    assertThat(nextOffsets()).isEqualTo(Map.of(0, 4L, 1, 0L));
  }

  @Test
  void anAddedPartitionStartsAtKafkaDefaultOffsetsWhenItIsGiven() {
    String topic = newTopic();
    run(
        createJob(
            "j",
            KafkaBroker.shared().bootstrapServers(),
            topic,
            ", \"property.kafka_default_offsets\" = \"OFFSET_END\""));
    planner.planAll();
    addPartitionWithRecords(topic);
    planner.planAll();
    assertThat(nextOffsets()).isEqualTo(Map.of(0, 4L, 1, 3L));
  }

  /** A topic with one partition holding 4 records. */
  private static String newTopic() {
    String topic = "kafka_source_" + TOPICS.incrementAndGet();
    KafkaBroker.shared().produce(topic, 1, records(4));
    return topic;
  }

  /** Adds partition 1 and writes 3 records to it, all before the planner looks again. */
  private static void addPartitionWithRecords(String topic) {
    KafkaBroker.shared().addPartitions(topic, 2);
    // produce deals value i to partition i % 2: values 1, 3 and 5 land in partition 1.
    KafkaBroker.shared().produce(topic, 2, records(6));
  }

  private static List<byte[]> records(int count) {
    List<byte[]> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      values.add(Integer.toString(i).getBytes(StandardCharsets.UTF_8));
    }
    return values;
  }

  private Map<Integer, Long> nextOffsets() {
    return database.inTransaction(
        connection -> {
          Map<Integer, Long> offsets = new TreeMap<>();
          try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT kafka_partition, next_offset FROM job_partitions");
              ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              offsets.put(rows.getInt(1), rows.getLong(2));
            }
          }
          return offsets;
        });
  }

  private List<List<String>> showAll() {
    return run("SHOW ALL ROUTINE LOAD").get(0).table().rows();
  }

  private void assertRefused(String brokers, String message) {
    assertThatThrownBy(() -> run(createJob("bad", brokers, "t", "")))
        .isInstanceOf(SluiceException.class)
        .hasMessageStartingWith(message)
        .extracting(e -> ((SluiceException) e).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }
}
