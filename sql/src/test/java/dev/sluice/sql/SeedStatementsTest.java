package dev.sluice.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.Fixtures.Fixture;
import dev.sluice.sql.tree.AllColumns;
import dev.sluice.sql.tree.AlterRoutineLoad;
import dev.sluice.sql.tree.Arithmetic;
import dev.sluice.sql.tree.ColumnDefinition;
import dev.sluice.sql.tree.ColumnMapping;
import dev.sluice.sql.tree.ColumnRef;
import dev.sluice.sql.tree.Comparison;
import dev.sluice.sql.tree.CreateDatabase;
import dev.sluice.sql.tree.CreateRoutineLoad;
import dev.sluice.sql.tree.CreateTable;
import dev.sluice.sql.tree.DescribeStorageVolume;
import dev.sluice.sql.tree.Distribution;
import dev.sluice.sql.tree.Expression;
import dev.sluice.sql.tree.FunctionCall;
import dev.sluice.sql.tree.IntegerLiteral;
import dev.sluice.sql.tree.KeysDescription;
import dev.sluice.sql.tree.Logical;
import dev.sluice.sql.tree.Nullability;
import dev.sluice.sql.tree.PauseRoutineLoad;
import dev.sluice.sql.tree.Position;
import dev.sluice.sql.tree.QualifiedName;
import dev.sluice.sql.tree.ResumeRoutineLoad;
import dev.sluice.sql.tree.Select;
import dev.sluice.sql.tree.ShowRoutineLoad;
import dev.sluice.sql.tree.ShowRoutineLoadTask;
import dev.sluice.sql.tree.ShowStorageVolumes;
import dev.sluice.sql.tree.Statement;
import dev.sluice.sql.tree.StopRoutineLoad;
import dev.sluice.sql.tree.StringLiteral;
import dev.sluice.sql.tree.TableReference;
import dev.sluice.sql.tree.UseDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SQL statement of the five reference documents (src/test/resources/seeds, copied verbatim)
 * parses, and the trees hold what the documents mean.
 */
class SeedStatementsTest {

  private static final String BROKERS =
      "<kafka_broker1_ip>:<kafka_broker1_port>,<kafka_broker2_ip>:<kafka_broker2_port>";
  private static final String ORDER_JSONPATHS =
      "[\"$.commodity_id\",\"$.customer_name\",\"$.country\",\"$.pay_time\",\"$.price\"]";

  static List<Fixture> seeds() {
    return Fixtures.inDirectory("seeds");
  }

  static List<Fixture> extras() {
    return Fixtures.inDirectory("extra");
  }

  @Test
  void allSeedDocumentsContributeFixtures() {
    Map<String, Long> perFile =
        seeds().stream().collect(Collectors.groupingBy(Fixture::file, Collectors.counting()));
    assertThat(perFile)
        .containsOnlyKeys(
            "000_continuous_load_from_kafka.sql",
            "001_cloud_vendor_guide.sql",
            "002_load_data_using_routine_load.sql",
            "003_quick_start_shared_data.sql",
            "004_routine_load_faq.sql");
    Map<String, Long> perKind =
        seeds().stream().collect(Collectors.groupingBy(Fixture::kind, Collectors.counting()));
    // Guards against a fixture silently disappearing (e.g. a broken marker line).
    assertThat(perKind)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "statements", 45L,
                "rejected", 7L,
                "load-clause", 3L,
                "kafka-properties", 5L,
                "properties", 1L,
                "expression", 2L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"seeds", "extras"})
  void everyFixtureParsesOrIsRejectedWithAPosition(Fixture fixture) {
    switch (fixture.kind()) {
      case "statements":
        assertThat(SqlParser.parseStatements(fixture.text())).isNotEmpty();
        break;
      case "rejected":
        assertThatThrownBy(() -> SqlParser.parseStatements(fixture.text()))
            .isInstanceOf(SqlParseException.class)
            .hasMessageMatching("line \\d+:\\d+: .+");
        break;
      case "load-clause":
        assertThat(loadClause(fixture)).isNotNull();
        break;
      case "properties":
        assertThat(jobProperties(fixture)).isNotEmpty();
        break;
      case "kafka-properties":
        assertThat(kafkaProperties(fixture)).isNotEmpty();
        break;
      case "expression":
        assertThat(SqlParser.parseExpression(fixture.text())).isNotNull();
        break;
      default:
        throw new AssertionError("unknown fixture kind " + fixture.kind());
    }
  }

  @Nested
  class ContinuousLoadFromKafka {

    private static final String FILE = "000";

    @Test
    void csvTable() {
      CreateTable table = single(FILE, "csv-create-table", CreateTable.class);
      assertThat(table.table())
          .isEqualTo(QualifiedName.of("example_db", "example_tbl1", new Position(1, 13)));
      assertThat(table.columns())
          .extracting(ColumnDefinition::name)
          .containsExactly("order_id", "pay_dt", "customer_name", "nationality", "price");
      assertThat(table.columns())
          .extracting(c -> c.type().text())
          .containsExactly("BIGINT", "DATE", "VARCHAR(26)", "VARCHAR(26)", "DOUBLE");
      assertThat(table.columns())
          .extracting(ColumnDefinition::nullability)
          .containsExactly(
              Nullability.NOT_NULL,
              Nullability.NOT_NULL,
              Nullability.NULL,
              Nullability.NULL,
              Nullability.NULL);
      assertThat(table.columns())
          .extracting(c -> c.comment().orElseThrow())
          .containsExactly("Order ID", "Payment date", "Customer name", "Nationality", "Price");
      assertThat(table.engine()).contains("OLAP");
      assertThat(table.keys().orElseThrow().type()).isEqualTo(KeysDescription.Type.PRIMARY);
      assertThat(table.keys().orElseThrow().columns()).containsExactly("order_id", "pay_dt");
      Distribution distribution = table.distribution().orElseThrow();
      assertThat(distribution.type()).isEqualTo(Distribution.Type.HASH);
      assertThat(distribution.columns()).containsExactly("order_id");
      assertThat(distribution.buckets()).isEqualTo(OptionalInt.of(5));
      // `price`double: no space between the quoted name and the type.
      assertThat(table.columns().get(4).position()).isEqualTo(new Position(6, 4));
      assertThat(table.vertical()).isFalse();
    }

    @Test
    void csvRoutineLoadWithPlaceholderColumn() {
      CreateRoutineLoad load = single(FILE, "csv-routine-load", CreateRoutineLoad.class);
      assertThat(load.job().database()).contains("example_db");
      assertThat(load.job().name()).isEqualTo("example_tbl1_ordertest1");
      assertThat(load.table()).isEqualTo("example_tbl1");
      assertThat(load.loadProperties().columnSeparator()).contains(",");
      assertThat(load.loadProperties().columnMappings())
          .extracting(ColumnMapping::name)
          .containsExactly(
              "order_id", "pay_dt", "customer_name", "nationality", "temp_gender", "price");
      assertThat(load.loadProperties().columnMappings()).noneMatch(ColumnMapping::isDerived);
      assertThat(load.jobProperties().asMap())
          .containsExactly(entry("desired_concurrent_number", "5"));
      assertThat(load.dataSourceProperties().asMap())
          .containsExactly(
              entry("kafka_broker_list", BROKERS),
              entry("kafka_topic", "ordertest1"),
              entry("kafka_partitions", "0,1,2,3,4"),
              entry("property.kafka_default_offsets", "OFFSET_BEGINNING"));
      assertThat(load.dataSourceProperties().positionOf("kafka_topic"))
          .contains(new Position(11, 4));
    }

    @Test
    void jsonTableWithAggregateKeyBeforeEngine() {
      CreateTable table = single(FILE, "json-create-table", CreateTable.class);
      assertThat(table.table().database()).isEmpty();
      assertThat(table.table().name()).isEqualTo("example_tbl2");
      assertThat(table.keys().orElseThrow().type()).isEqualTo(KeysDescription.Type.AGGREGATE);
      assertThat(table.keys().orElseThrow().columns())
          .containsExactly("commodity_id", "customer_name", "country", "pay_time", "pay_dt");
      assertThat(table.engine()).contains("OLAP");
      ColumnDefinition payTime = table.columns().get(3);
      assertThat(payTime.type().text()).as("display width dropped").isEqualTo("BIGINT");
      ColumnDefinition price = table.columns().get(5);
      assertThat(price.name()).isEqualTo("price");
      assertThat(price.type().text()).isEqualTo("DOUBLE");
      assertThat(price.aggregateType()).contains(dev.sluice.sql.tree.AggregateType.SUM);
      assertThat(price.nullability()).isEqualTo(Nullability.NULL);
    }

    @Test
    void jsonRoutineLoadWithDerivedColumn() {
      CreateRoutineLoad load = single(FILE, "json-routine-load", CreateRoutineLoad.class);
      List<ColumnMapping> mappings = load.loadProperties().columnMappings();
      assertThat(mappings).hasSize(6);
      ColumnMapping payDt = mappings.get(5);
      assertThat(payDt.name()).isEqualTo("pay_dt");
      FunctionCall call = (FunctionCall) payDt.expression().orElseThrow();
      assertThat(call.name()).isEqualTo("from_unixtime");
      assertThat(call.arguments())
          .containsExactly(
              ColumnRef.of("pay_time", new Position(2, 84)),
              new StringLiteral("%Y%m%d", new Position(2, 94)));
      // What SHOW ROUTINE LOAD prints as columnToColumnExpr.
      assertThat(ExpressionFormatter.formatColumnMappings(mappings))
          .isEqualTo(
              "commodity_id,customer_name,country,pay_time,price,"
                  + "pay_dt=from_unixtime(`pay_time`, '%Y%m%d')");
      assertThat(load.jobProperties().asMap())
          .containsExactly(
              entry("desired_concurrent_number", "5"),
              entry("format", "json"),
              entry("jsonpaths", ORDER_JSONPATHS));
      assertThat(load.dataSourceProperties().get("kafka_topic")).contains("ordertest2");
    }

    @Test
    void showRoutineLoadWithVerticalOutput() {
      ShowRoutineLoad show = single(FILE, "show-routine-load-vertical", ShowRoutineLoad.class);
      assertThat(show.job().orElseThrow().name()).isEqualTo("example_tbl2_ordertest2");
      assertThat(show.job().orElseThrow().database()).isEmpty();
      assertThat(show.includeHistory()).isFalse();
      assertThat(show.database()).isEmpty();
      assertThat(show.vertical()).isTrue();
    }

    @Test
    void showRoutineLoadTask() {
      ShowRoutineLoadTask show = single(FILE, "show-routine-load-task", ShowRoutineLoadTask.class);
      assertThat(show.jobName()).isEqualTo("example_tbl2_ordertest2");
      assertThat(show.database()).isEmpty();
      assertThat(show.vertical()).isTrue();
    }

    @Test
    void pauseResumeStop() {
      assertThat(single(FILE, "pause", PauseRoutineLoad.class).job().name())
          .isEqualTo("example_tbl2_ordertest2");
      assertThat(single(FILE, "resume", ResumeRoutineLoad.class).job().name())
          .isEqualTo("example_tbl2_ordertest2");
      assertThat(single(FILE, "stop", StopRoutineLoad.class).job().name())
          .isEqualTo("example_tbl2_ordertest2");
    }

    @Test
    void alterWithLowerCaseKafka() {
      AlterRoutineLoad alter = single(FILE, "alter", AlterRoutineLoad.class);
      assertThat(alter.job().name()).isEqualTo("example_tbl2_ordertest2");
      assertThat(alter.loadProperties().isEmpty()).isTrue();
      assertThat(alter.jobProperties().asMap())
          .containsExactly(entry("desired_concurrent_number", "6"));
      assertThat(alter.dataSourceProperties().asMap())
          .containsExactly(
              entry("kafka_partitions", "0,1,2,3,4,5,6,7"),
              entry(
                  "kafka_offsets",
                  "OFFSET_BEGINNING,OFFSET_BEGINNING,OFFSET_BEGINNING,OFFSET_BEGINNING,"
                      + "OFFSET_END,OFFSET_END,OFFSET_END,OFFSET_END"));
    }

    @Test
    void partitionAndOffsetSnippets() {
      assertThat(kafkaProperties(Fixtures.get("seeds", FILE, "csv-partitions-and-offsets")))
          .containsExactly(
              entry("kafka_partitions", "0,1,2,3,4"),
              entry(
                  "kafka_offsets",
                  "OFFSET_BEGINNING,OFFSET_BEGINNING,OFFSET_BEGINNING,OFFSET_END,OFFSET_END"));
      assertThat(kafkaProperties(Fixtures.get("seeds", FILE, "csv-partitions-and-default-offsets")))
          .containsEntry("property.kafka_default_offsets", "OFFSET_BEGINNING");
    }
  }

  @Nested
  class CloudVendorGuide {

    private static final String FILE = "001";

    @Test
    void syntaxTemplateIsRejectedAtTheFirstPlaceholder() {
      assertThatThrownBy(() -> parse(FILE, "syntax-template"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage(
              "line 1:20: mismatched input '<' expecting identifier"
                  + " (replace the placeholder <database> with a real value)");
    }

    @Test
    void jobNamePlaceholdersAreRejected() {
      for (String name : List.of("pause-template", "resume-template", "stop-template")) {
        assertThatThrownBy(() -> parse(FILE, name))
            .isInstanceOf(SqlParseException.class)
            .hasMessageContaining("mismatched input '<' expecting identifier")
            .hasMessageEndingWith("(replace the placeholder <job_name> with a real value)");
      }
    }

    @Test
    void helpIsAnUnknownStatement() {
      assertThatThrownBy(() -> parse(FILE, "help"))
          .isInstanceOf(SqlParseException.class)
          .hasMessageStartingWith("line 1:0: unknown statement 'HELP'");
    }

    @Test
    void columnsClauses() {
      AlterRoutineLoad mapped = loadClause(Fixtures.get("seeds", FILE, "mapped-columns"));
      assertThat(mapped.loadProperties().columnMappings())
          .extracting(ColumnMapping::name)
          .containsExactly("col2", "col1", "temp", "col3");
      AlterRoutineLoad derived = loadClause(Fixtures.get("seeds", FILE, "derived-columns"));
      ColumnMapping col4 = derived.loadProperties().columnMappings().get(4);
      assertThat(col4.name()).isEqualTo("col4");
      Arithmetic sum = (Arithmetic) col4.expression().orElseThrow();
      assertThat(sum.operator()).isEqualTo(Arithmetic.Operator.ADD);
      assertThat(ExpressionFormatter.format(sum)).isEqualTo("`col1` + `col2`");
    }

    @Test
    void whereClause() {
      Expression where =
          loadClause(Fixtures.get("seeds", FILE, "where-clause"))
              .loadProperties()
              .where()
              .orElseThrow();
      Logical and = (Logical) where;
      assertThat(and.operator()).isEqualTo(Logical.Operator.AND);
      assertThat(and.terms()).allMatch(Comparison.class::isInstance);
      assertThat(ExpressionFormatter.format(where)).isEqualTo("`k1` > 100 AND `k2` = 1000");
    }

    @Test
    void oneLineJsonRoutineLoad() {
      CreateRoutineLoad load = single(FILE, "json-routine-load-one-line", CreateRoutineLoad.class);
      assertThat(load.job().toString()).isEqualTo("load_test.example_tbl2_ordertest");
      assertThat(load.table()).isEqualTo("example_tbl");
      assertThat(load.jobProperties().get("jsonpaths")).contains(ORDER_JSONPATHS);
      assertThat(load.dataSourceProperties().asMap()).hasSize(4);
    }

    @Test
    void useThenShowAll() {
      List<Statement> statements = parse(FILE, "use-and-show-all");
      assertThat(statements).hasSize(2);
      assertThat(((UseDatabase) statements.get(0)).name()).isEqualTo("load_test");
      ShowRoutineLoad show = (ShowRoutineLoad) statements.get(1);
      assertThat(show.includeHistory()).isTrue();
      assertThat(show.job()).isEmpty();
      assertThat(show.position()).isEqualTo(new Position(1, 15));
    }

    @Test
    void showWithQualifiedJob() {
      ShowRoutineLoad show = single(FILE, "show-routine-load-qualified", ShowRoutineLoad.class);
      assertThat(show.job().orElseThrow().database()).contains("load_test");
      assertThat(show.job().orElseThrow().name()).isEqualTo("example_tbl2_ordertest");
      assertThat(show.vertical()).isFalse();
    }

    @Test
    void verticalThenSemicolonIsOneStatement() {
      ShowRoutineLoad show = single(FILE, "show-vertical-then-semicolon", ShowRoutineLoad.class);
      assertThat(show.vertical()).isTrue();
      assertThat(show.job().orElseThrow().name()).isEqualTo("example_tbl2_ordertest2");
    }

    @Test
    void oneLineCsvTableAndLoadWithoutSemicolon() {
      CreateTable table = single(FILE, "csv-create-table-one-line", CreateTable.class);
      assertThat(table.table().toString()).isEqualTo("load_test.routine_load_tbl_csv");
      assertThat(table.columns().get(4).comment()).contains("Payment amount");
      CreateRoutineLoad load = single(FILE, "csv-routine-load-one-line", CreateRoutineLoad.class);
      assertThat(load.table()).isEqualTo("routine_load_tbl_csv");
      assertThat(load.loadProperties().columnSeparator()).contains(",");
      assertThat(load.dataSourceProperties().get("kafka_broker_list"))
          .contains("192.168.**.**:9092,192.168.**.**:9092,192.168.**.**:9092");
    }

    @Test
    void selectStar() {
      Select select = single(FILE, "select-star", Select.class);
      assertThat(select.selectItems())
          .containsExactly(new AllColumns(Optional.empty(), new Position(1, 7)));
      assertThat(select.from())
          .isEqualTo(
              new TableReference(
                  QualifiedName.of("routine_load_tbl_csv", new Position(1, 14)),
                  Optional.empty(),
                  new Position(1, 14)));
      assertThat(select.where()).isEmpty();
      assertThat(select.limit()).isEmpty();
    }

    @Test
    void alterWithoutSemicolonOrSource() {
      AlterRoutineLoad alter = single(FILE, "alter-without-semicolon", AlterRoutineLoad.class);
      assertThat(alter.job().name()).isEqualTo("routine_load_tbl_ordertest_csv");
      assertThat(alter.jobProperties().get("desired_concurrent_number")).contains("6");
      assertThat(alter.dataSourceProperties().isEmpty()).isTrue();
    }
  }

  @Nested
  class LoadDataUsingRoutineLoad {

    private static final String FILE = "002";

    @Test
    void grantIsAnUnknownStatement() {
      assertThatThrownBy(() -> parse(FILE, "grant-template"))
          .isInstanceOf(SqlParseException.class)
          .hasMessageStartingWith("line 1:0: unknown statement 'GRANT'");
    }

    @Test
    void duplicateKeyTableWithoutBuckets() {
      CreateTable table = single(FILE, "csv-create-table", CreateTable.class);
      assertThat(table.keys().orElseThrow().type()).isEqualTo(KeysDescription.Type.DUPLICATE);
      assertThat(table.distribution().orElseThrow().buckets()).isEmpty();
    }

    @Test
    void engineBeforeAggregateKey() {
      CreateTable table = single(FILE, "json-create-table", CreateTable.class);
      assertThat(table.engine()).contains("OLAP");
      assertThat(table.keys().orElseThrow().type()).isEqualTo(KeysDescription.Type.AGGREGATE);
    }

    @Test
    void avroTableAndLoad() {
      CreateTable table = single(FILE, "avro-create-table", CreateTable.class);
      assertThat(table.columns())
          .extracting(ColumnDefinition::name, c -> c.type().text())
          .containsExactly(
              tuple("id", "BIGINT"),
              tuple("name", "VARCHAR(26)"),
              tuple("checked", "BOOLEAN"),
              tuple("data", "DOUBLE"),
              tuple("sensor_type", "VARCHAR(26)"));
      CreateRoutineLoad load = single(FILE, "avro-routine-load", CreateRoutineLoad.class);
      assertThat(load.job().name()).isEqualTo("sensor_log_load_job");
      assertThat(load.loadProperties().isEmpty()).isTrue();
      assertThat(load.jobProperties().asMap()).containsExactly(entry("format", "avro"));
      assertThat(load.dataSourceProperties().get("confluent.schema.registry.url"))
          .contains("http://172.xx.xxx.xxx:8081");
      assertThat(load.dataSourceProperties().get("kafka_broker_list")).contains(BROKERS + ",...");
    }

    @Test
    void perPartitionOffsets() {
      assertThat(kafkaProperties(Fixtures.get("seeds", FILE, "csv-partitions-and-offsets")))
          .containsEntry("kafka_offsets", "OFFSET_BEGINNING, OFFSET_END, 1000, 2000, 3000");
    }

    @Test
    void sameStatementsAsTheOlderDocument() {
      assertThat(single(FILE, "json-routine-load", CreateRoutineLoad.class).jobProperties())
          .isEqualTo(single(FILE, "json-routine-load", CreateRoutineLoad.class).jobProperties());
      assertThat(single(FILE, "show-routine-load-task", ShowRoutineLoadTask.class).jobName())
          .isEqualTo("example_tbl2_ordertest2");
      assertThat(single(FILE, "alter", AlterRoutineLoad.class).dataSourceProperties().asMap())
          .containsKeys("kafka_partitions", "kafka_offsets");
    }
  }

  @Nested
  class QuickStartSharedData {

    private static final String FILE = "003";

    @Test
    void storageVolumeStatements() {
      assertThat(single(FILE, "show-storage-volumes", ShowStorageVolumes.class).vertical())
          .isFalse();
      DescribeStorageVolume describe =
          single(FILE, "desc-storage-volume", DescribeStorageVolume.class);
      assertThat(describe.name()).isEqualTo("builtin_storage_volume");
      assertThat(describe.vertical()).isTrue();
    }

    @Test
    void databaseStatements() {
      CreateDatabase create = single(FILE, "create-database", CreateDatabase.class);
      assertThat(create.name()).isEqualTo("quickstart");
      assertThat(create.ifNotExists()).isFalse();
      assertThat(single(FILE, "use", UseDatabase.class).name()).isEqualTo("quickstart");
    }

    @Test
    void siteClicksTable() {
      CreateTable table = single(FILE, "create-table-site-clicks", CreateTable.class);
      assertThat(table.table().toString()).isEqualTo("site_clicks");
      assertThat(table.columns())
          .extracting(ColumnDefinition::name, c -> c.type().text(), ColumnDefinition::nullability)
          .containsExactly(
              tuple("uid", "BIGINT", Nullability.NOT_NULL),
              tuple("site", "STRING", Nullability.NOT_NULL),
              tuple("vtime", "BIGINT", Nullability.NOT_NULL));
      assertThat(table.keys()).isEmpty();
      assertThat(table.engine()).isEmpty();
      assertThat(table.distribution().orElseThrow().columns()).containsExactly("uid");
      assertThat(table.properties().asMap()).containsExactly(entry("replication_num", "1"));
    }

    @Test
    void clicksRoutineLoad() {
      for (String name :
          List.of("create-routine-load-clicks", "create-routine-load-clicks-again")) {
        CreateRoutineLoad load = single(FILE, name, CreateRoutineLoad.class);
        assertThat(load.job())
            .isEqualTo(QualifiedName.of("quickstart", "clicks", new Position(1, 20)));
        assertThat(load.table()).isEqualTo("site_clicks");
        assertThat(load.loadProperties().isEmpty()).isTrue();
        assertThat(load.jobProperties().asMap())
            .containsExactly(
                entry("format", "JSON"), entry("jsonpaths", "[\"$.uid\",\"$.site\",\"$.vtime\"]"));
        assertThat(load.dataSourceProperties().asMap())
            .containsExactly(
                entry("kafka_broker_list", "redpanda:29092"),
                entry("kafka_topic", "test2"),
                entry("kafka_partitions", "0"),
                entry("kafka_offsets", "OFFSET_BEGINNING"));
      }
    }

    @Test
    void showRoutineLoadWithoutSpaceBeforeBackslashG() {
      ShowRoutineLoad show = single(FILE, "show-routine-load-vertical", ShowRoutineLoad.class);
      assertThat(show.job()).isEmpty();
      assertThat(show.vertical()).isTrue();
    }

    @Test
    void useThenSelect() {
      List<Statement> statements = parse(FILE, "use-and-select");
      assertThat(statements).hasSize(2);
      assertThat(statements.get(0)).isInstanceOf(UseDatabase.class);
      Select select = (Select) statements.get(1);
      assertThat(select.from().table().name()).isEqualTo("site_clicks");
      assertThat(select.position()).isEqualTo(new Position(2, 0));
    }

    @Test
    void routineLoadHeadAloneIsIncomplete() {
      assertThatThrownBy(() -> parse(FILE, "create-routine-load-head-only"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage(
              "line 1:52: unexpected end of input, expecting one of: 'COLUMNS', 'FROM',"
                  + " 'PARTITION', 'PROPERTIES', 'ROWS', 'TEMPORARY', 'WHERE'");
    }

    @Test
    void propertySnippets() {
      assertThat(jobProperties(Fixtures.get("seeds", FILE, "jsonpaths")))
          .containsExactly(entry("jsonpaths", "[\"$.uid\",\"$.site\",\"$.vtime\"]"));
      assertThat(kafkaProperties(Fixtures.get("seeds", FILE, "partitions-and-offsets")))
          .containsExactly(
              entry("kafka_partitions", "0"), entry("kafka_offsets", "OFFSET_BEGINNING"));
    }
  }

  @Nested
  class RoutineLoadFaq {

    @Test
    void parallelismFormula() {
      FunctionCall min =
          (FunctionCall)
              SqlParser.parseExpression(Fixtures.get("seeds", "004", "parallelism-formula").text());
      assertThat(min.name()).isEqualTo("min");
      assertThat(min.arguments())
          .extracting(argument -> ((ColumnRef) argument).name())
          .containsExactly(
              "alive_be_number",
              "partition_number",
              "desired_concurrent_number",
              "max_routine_load_task_concurrent_num");
      FunctionCall example =
          (FunctionCall)
              SqlParser.parseExpression(Fixtures.get("seeds", "004", "parallelism-example").text());
      assertThat(example.arguments())
          .extracting(argument -> ((IntegerLiteral) argument).longValue())
          .containsExactly(5L, 7L, 5L, 5L);
    }
  }

  // ------------------------------------------------------------------ helpers

  private static List<Statement> parse(String filePrefix, String name) {
    return SqlParser.parseStatements(Fixtures.get("seeds", filePrefix, name).text());
  }

  private static <T extends Statement> T single(String filePrefix, String name, Class<T> type) {
    List<Statement> statements = parse(filePrefix, name);
    assertThat(statements).hasSize(1);
    assertThat(statements.get(0)).isInstanceOf(type);
    return type.cast(statements.get(0));
  }

  /** A load clause snippet, parsed as the clause of an ALTER ROUTINE LOAD. */
  private static AlterRoutineLoad loadClause(Fixture fixture) {
    return (AlterRoutineLoad)
        SqlParser.parseStatement("ALTER ROUTINE LOAD FOR fixture_job " + fixture.text());
  }

  private static Map<String, String> jobProperties(Fixture fixture) {
    AlterRoutineLoad alter =
        (AlterRoutineLoad)
            SqlParser.parseStatement(
                "ALTER ROUTINE LOAD FOR fixture_job PROPERTIES (\n" + fixture.text() + "\n)");
    return new LinkedHashMap<>(alter.jobProperties().asMap());
  }

  private static Map<String, String> kafkaProperties(Fixture fixture) {
    AlterRoutineLoad alter =
        (AlterRoutineLoad)
            SqlParser.parseStatement(
                "ALTER ROUTINE LOAD FOR fixture_job FROM KAFKA (\n" + fixture.text() + "\n)");
    return new LinkedHashMap<>(alter.dataSourceProperties().asMap());
  }

  private static Map.Entry<String, String> entry(String key, String value) {
    return Map.entry(key, value);
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.groups.Tuple.tuple(values);
  }
}
