package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seeds' examples, end to end: statements verbatim through the admin API, records through a
 * real Kafka broker, a worker process writing Parquet to a real S3 API server, and the files read
 * back by DuckDB.
 */
class SeedExamplesIT {
  private static SluiceCluster cluster;

  @BeforeAll
  static void start() {
    cluster = new SluiceCluster("seeds");
    cluster.startWorker("worker-1");
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  static void produce(String topic, int partitions, List<String> values) {
    KafkaBroker.shared()
        .produce(
            topic,
            partitions,
            values.stream().map(value -> value.getBytes(StandardCharsets.UTF_8)).toList());
  }

  private static Map<String, String> awaitLoaded(String database, String job, long rows) {
    return cluster.awaitJob(
        database,
        job,
        Duration.ofSeconds(90),
        show -> show.get("Statistic").contains("\"totalRows\":" + rows + ","));
  }

  @Test
  void csvOrdersLoadWithThePlaceholderColumnSkipped() throws Exception {
    produce(
        "ordertest1",
        5,
        List.of(
            "2020050802,2020-05-08,Johann Georg Faust,Deutschland,male,895",
            "2020050802,2020-05-08,Julien Sorel,France,male,893",
            "2020050803,2020-05-08,Dorian Grey,UK,male,1262",
            "2020050901,2020-05-09,Anna Karenina\",Russia,female,175",
            "2020051001,2020-05-10,Tess Durbeyfield,US,female,986",
            "2020051101,2020-05-11,Edogawa Conan,japan,male,8924"));
    cluster.sql(
        """
        CREATE DATABASE example_db;
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
            "kafka_topic" = "ordertest1",
            "kafka_partitions" ="0,1,2,3,4",
            "property.kafka_default_offsets" = "OFFSET_BEGINNING"
        );
        """
            .formatted(KafkaBroker.shared().bootstrapServers()),
        "");

    Map<String, String> job = awaitLoaded("example_db", "example_tbl1_ordertest1", 6);
    assertThat(job.get("State")).isEqualTo("RUNNING");
    assertThat(job.get("Statistic"))
        .contains("\"errorRows\":0")
        .contains("\"loadedRows\":6")
        .contains("\"unselectedRows\":0");
    // Six records over five partitions: partition 0 holds offsets 0 and 1, the others offset 0.
    assertThat(job.get("Progress"))
        .isEqualTo("{\"0\":\"1\",\"1\":\"0\",\"2\":\"0\",\"3\":\"0\",\"4\":\"0\"}");

    List<List<Object>> rows =
        cluster.queryTable(
            "example_tbl1",
            "SELECT order_id, pay_dt, customer_name, nationality, price FROM $files"
                + " ORDER BY order_id, customer_name");
    assertThat(rows)
        .containsExactly(
            List.of(
                2020050802L,
                LocalDate.parse("2020-05-08"),
                "Johann Georg Faust",
                "Deutschland",
                895.0),
            List.of(2020050802L, LocalDate.parse("2020-05-08"), "Julien Sorel", "France", 893.0),
            List.of(2020050803L, LocalDate.parse("2020-05-08"), "Dorian Grey", "UK", 1262.0),
            List.of(2020050901L, LocalDate.parse("2020-05-09"), "Anna Karenina\"", "Russia", 175.0),
            List.of(2020051001L, LocalDate.parse("2020-05-10"), "Tess Durbeyfield", "US", 986.0),
            List.of(2020051101L, LocalDate.parse("2020-05-11"), "Edogawa Conan", "japan", 8924.0));
  }

  @Test
  void quickStartClicksLoadAsJson() throws Exception {
    produce(
        "test2",
        1,
        List.of(
            "{ \"uid\": 6926, \"site\": \"https://docs.starrocks.io/\", \"vtime\": 1718034793 } ",
            "{ \"uid\": 3303, \"site\": \"https://www.starrocks.io/product/community\", \"vtime\": 1718034793 } ",
            "{ \"uid\": 227, \"site\": \"https://docs.starrocks.io/\", \"vtime\": 1718034243 } ",
            "{ \"uid\": 7273, \"site\": \"https://docs.starrocks.io/\", \"vtime\": 1718034794 } ",
            "{ \"uid\": 4666, \"site\": \"https://www.starrocks.io/\", \"vtime\": 1718034794 } "));
    cluster.sql("CREATE DATABASE quickstart", "");
    cluster.sql(
        """
        CREATE TABLE site_clicks (
            `uid` bigint NOT NULL COMMENT "uid",
            `site` string NOT NULL COMMENT "site url",
            `vtime` bigint NOT NULL COMMENT "vtime"
        )
        DISTRIBUTED BY HASH(`uid`)
        PROPERTIES("replication_num"="1");
        """,
        "quickstart");
    cluster.sql(
        """
        CREATE ROUTINE LOAD quickstart.clicks ON site_clicks
        PROPERTIES
        (
            "format" = "JSON",
            "jsonpaths" ="[\\"$.uid\\",\\"$.site\\",\\"$.vtime\\"]"
        )
        FROM KAFKA
        (
            "kafka_broker_list" = "%s",
            "kafka_topic" = "test2",
            "kafka_partitions" = "0",
            "kafka_offsets" = "OFFSET_BEGINNING"
        );
        """
            .formatted(KafkaBroker.shared().bootstrapServers()),
        "quickstart");

    Map<String, String> job = awaitLoaded("quickstart", "clicks", 5);
    assertThat(job.get("Statistic")).contains("\"loadedRows\":5").contains("\"committedTaskNum\":");
    assertThat(job.get("Progress")).isEqualTo("{\"0\":\"4\"}");
    assertThat(job.get("LatestSourcePosition")).isEqualTo("{\"0\":\"5\"}");
    assertThat(job.get("TimestampProgress")).matches("\\{\"0\":\"\\d{13}\"\\}");

    assertThat(
            cluster.queryTable("site_clicks", "SELECT uid, site, vtime FROM $files ORDER BY uid"))
        .containsExactly(
            List.of(227L, "https://docs.starrocks.io/", 1718034243L),
            List.of(3303L, "https://www.starrocks.io/product/community", 1718034793L),
            List.of(4666L, "https://www.starrocks.io/", 1718034794L),
            List.of(6926L, "https://docs.starrocks.io/", 1718034793L),
            List.of(7273L, "https://docs.starrocks.io/", 1718034794L));
  }

  @Test
  void malformedRecordsBecomeErrorRowsWithALogAndTheJobPausesPastMaxErrorNumber() throws Exception {
    produce(
        "bad_orders",
        1,
        List.of(
            "1,2020-05-08,Good One,DE,male,10",
            "2,2020-05-08,Too,Few",
            "x3,2020-05-08,Bad Number,DE,male,10",
            "4,2020-05-08,A name that is much too long for the column,DE,male,10",
            "5,2020-13-45,Bad Date,DE,male,10",
            "6,2020-05-09,Good Two,FR,female,20"));
    cluster.sql(
        """
        CREATE DATABASE bad_db;
        USE bad_db;
        CREATE TABLE orders (
            `order_id` bigint NOT NULL,
            `pay_dt` date NOT NULL,
            `customer_name` varchar(26) NULL,
            `nationality` varchar(26) NULL,
            `price` double NULL
        ) DUPLICATE KEY (order_id) DISTRIBUTED BY HASH(order_id) BUCKETS 2;
        CREATE ROUTINE LOAD bad_db.orders_job ON orders
        COLUMNS TERMINATED BY ",",
        COLUMNS (order_id, pay_dt, customer_name, nationality, temp_gender, price)
        PROPERTIES ("max_error_number" = "3")
        FROM KAFKA
        (
            "kafka_broker_list" = "%s",
            "kafka_topic" = "bad_orders",
            "property.kafka_default_offsets" = "OFFSET_BEGINNING"
        );
        """
            .formatted(KafkaBroker.shared().bootstrapServers()),
        "");

    Map<String, String> job = awaitLoaded("bad_db", "orders_job", 6);
    assertThat(job.get("Statistic")).contains("\"errorRows\":4").contains("\"loadedRows\":2");
    // Four error rows exceed max_error_number 3: the batch commits, then the job pauses.
    assertThat(job.get("State")).isEqualTo("PAUSED");
    assertThat(job.get("ReasonOfStateChanged")).contains("Too many error rows: 4");
    assertThat(job.get("Progress")).isEqualTo("{\"0\":\"5\"}");
    String errorLog = job.get("ErrorLogUrls");
    assertThat(errorLog).startsWith("s3://").endsWith(".log");
    String log =
        new String(
            cluster.objectBytes(errorLog.substring(errorLog.indexOf('/', 5) + 1)),
            StandardCharsets.UTF_8);
    assertThat(log)
        .contains("offset=1\treason=expected 6 columns but found 4")
        .contains("offset=2\treason=column 'order_id' is NOT NULL but the value is NULL")
        .contains("offset=3\treason=column 'customer_name' value")
        .contains("offset=4\treason=column 'pay_dt' is NOT NULL but the value is NULL");

    assertThat(
            cluster.queryTable("orders", "SELECT order_id, customer_name FROM $files ORDER BY 1"))
        .containsExactly(List.of(1L, "Good One"), List.of(6L, "Good Two"));
  }

  @Test
  void jsonOrdersDeriveThePaymentDateWithFromUnixtime() throws Exception {
    produce(
        "ordertest2",
        5,
        List.of(
            "{\"commodity_id\": \"1\", \"customer_name\": \"Mark Twain\", \"country\": \"US\",\"pay_time\": 1589191487,\"price\": 875}",
            "{\"commodity_id\": \"2\", \"customer_name\": \"Oscar Wilde\", \"country\": \"UK\",\"pay_time\": 1589191487,\"price\": 895}",
            "{\"commodity_id\": \"3\", \"customer_name\": \"Antoine de Saint-Exupéry\",\"country\": \"France\",\"pay_time\": 1589191487,\"price\": 895}"));
    cluster.sql("CREATE DATABASE IF NOT EXISTS example_db", "");
    cluster.sql(
        """
        CREATE TABLE `example_tbl2` (
            `commodity_id` varchar(26) NULL COMMENT "Commodity ID",
            `customer_name` varchar(26) NULL COMMENT "Customer name",
            `country` varchar(26) NULL COMMENT "Country",
            `pay_time` bigint(20) NULL COMMENT "Payment time",
            `pay_dt` date NULL COMMENT "Payment date",
            `price`double SUM NULL COMMENT "Price"
        )
        AGGREGATE KEY(`commodity_id`,`customer_name`,`country`,`pay_time`,`pay_dt`)
        ENGINE=OLAP
        DISTRIBUTED BY HASH(`commodity_id`) BUCKETS 5;
        CREATE ROUTINE LOAD example_db.example_tbl2_ordertest2 ON example_tbl2
        COLUMNS(commodity_id, customer_name, country, pay_time, price, pay_dt=from_unixtime(pay_time, '%%Y%%m%%d'))
        PROPERTIES
        (
            "desired_concurrent_number"="5",
            "format" ="json",
            "jsonpaths" ="[\\"$.commodity_id\\",\\"$.customer_name\\",\\"$.country\\",\\"$.pay_time\\",\\"$.price\\"]"
         )
        FROM KAFKA
        (
            "kafka_broker_list" ="%s",
            "kafka_topic" = "ordertest2",
            "kafka_partitions" ="0,1,2,3,4",
            "property.kafka_default_offsets" = "OFFSET_BEGINNING"
        );
        """
            .formatted(KafkaBroker.shared().bootstrapServers()),
        "example_db");

    Map<String, String> job = awaitLoaded("example_db", "example_tbl2_ordertest2", 3);
    assertThat(job.get("Statistic")).contains("\"loadedRows\":3,").contains("\"errorRows\":0");
    assertThat(job.get("JobProperties"))
        .contains(
            "\"columnToColumnExpr\":\"commodity_id,customer_name,country,pay_time,price,pay_dt=from_unixtime(`pay_time`, '%Y%m%d')\"");
    assertThat(
            cluster.queryTable(
                "example_tbl2",
                "SELECT commodity_id, customer_name, country, pay_time, pay_dt, price FROM $files ORDER BY 1"))
        .containsExactly(
            List.of("1", "Mark Twain", "US", 1589191487L, LocalDate.parse("2020-05-11"), 875.0),
            List.of("2", "Oscar Wilde", "UK", 1589191487L, LocalDate.parse("2020-05-11"), 895.0),
            List.of(
                "3",
                "Antoine de Saint-Exupéry",
                "France",
                1589191487L,
                LocalDate.parse("2020-05-11"),
                895.0));
  }

  @Test
  void theSeedsDerivedColumnSkipsAPlaceholderAndAddsTwoColumns() throws Exception {
    // Source fields in the order col2, col1, temp, col3; col4 = col1 + col2 is derived.
    produce("derived", 1, List.of("2,1,ignored,3", "20,10,ignored,30"));
    cluster.sql(
        """
        CREATE DATABASE derived_db;
        USE derived_db;
        CREATE TABLE derived (col1 INT NULL, col2 INT NULL, col3 INT NULL, col4 INT NULL)
        DUPLICATE KEY (col1) DISTRIBUTED BY HASH(col1) BUCKETS 1;
        CREATE ROUTINE LOAD derived_db.derived_job ON derived
        COLUMNS TERMINATED BY ",",
        COLUMNS (col2, col1, temp, col3, col4 = col1 + col2)
        FROM KAFKA ("kafka_broker_list" = "%s", "kafka_topic" = "derived",
                    "property.kafka_default_offsets" = "OFFSET_BEGINNING");
        """
            .formatted(KafkaBroker.shared().bootstrapServers()),
        "");
    awaitLoaded("derived_db", "derived_job", 2);
    assertThat(
            cluster.queryTable(
                "derived", "SELECT col1, col2, col3, col4 FROM $files ORDER BY col1"))
        .containsExactly(List.of(1, 2, 3, 3), List.of(10, 20, 30, 30));
  }

  @Test
  void theSeedsWhereClauseFiltersRowsAsUnselected() throws Exception {
    produce(
        "filtered", 1, List.of("5,1000,a", "150,1000,b", "200,999,c", "300,1000,d", "x,1000,e"));
    cluster.sql(
        """
        CREATE DATABASE filter_db;
        USE filter_db;
        CREATE TABLE filtered (k1 INT NULL, k2 INT NULL, v VARCHAR(8) NULL)
        DUPLICATE KEY (k1) DISTRIBUTED BY HASH(k1) BUCKETS 2;
        CREATE ROUTINE LOAD filter_db.filter_job ON filtered
        COLUMNS TERMINATED BY ",",
        COLUMNS (k1, k2, v),
        WHERE k1 > 100 and k2 = 1000
        FROM KAFKA ("kafka_broker_list" = "%s", "kafka_topic" = "filtered",
                    "property.kafka_default_offsets" = "OFFSET_BEGINNING");
        """
            .formatted(KafkaBroker.shared().bootstrapServers()),
        "");
    Map<String, String> job = awaitLoaded("filter_db", "filter_job", 5);
    // "x" is not an INT: NULL in non-strict mode, and NULL > 100 is not TRUE, so it is filtered.
    assertThat(job.get("Statistic"))
        .contains("\"loadedRows\":2,")
        .contains("\"unselectedRows\":3,")
        .contains("\"errorRows\":0");
    assertThat(job.get("JobProperties")).contains("\"whereExpr\":\"`k1` > 100 AND `k2` = 1000\"");
    assertThat(cluster.queryTable("filtered", "SELECT k1, k2, v FROM $files ORDER BY k1"))
        .containsExactly(List.of(150, 1000, "b"), List.of(300, 1000, "d"));
  }
}
