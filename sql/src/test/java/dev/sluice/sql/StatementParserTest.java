package dev.sluice.sql;

import static dev.sluice.sql.SqlParser.parseStatement;
import static dev.sluice.sql.SqlParser.parseStatements;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.tree.AggregateType;
import dev.sluice.sql.tree.AllColumns;
import dev.sluice.sql.tree.Between;
import dev.sluice.sql.tree.ColumnDefinition;
import dev.sluice.sql.tree.ColumnRef;
import dev.sluice.sql.tree.Comparison;
import dev.sluice.sql.tree.CreateDatabase;
import dev.sluice.sql.tree.CreateRoutineLoad;
import dev.sluice.sql.tree.CreateStorageVolume;
import dev.sluice.sql.tree.CreateTable;
import dev.sluice.sql.tree.DescribeStorageVolume;
import dev.sluice.sql.tree.DescribeTable;
import dev.sluice.sql.tree.Distribution;
import dev.sluice.sql.tree.DropDatabase;
import dev.sluice.sql.tree.DropStorageVolume;
import dev.sluice.sql.tree.DropTable;
import dev.sluice.sql.tree.Expression;
import dev.sluice.sql.tree.ExpressionVisitor;
import dev.sluice.sql.tree.FunctionCall;
import dev.sluice.sql.tree.IntegerLiteral;
import dev.sluice.sql.tree.KeysDescription;
import dev.sluice.sql.tree.Like;
import dev.sluice.sql.tree.Limit;
import dev.sluice.sql.tree.LoadProperties;
import dev.sluice.sql.tree.Logical;
import dev.sluice.sql.tree.Nullability;
import dev.sluice.sql.tree.Position;
import dev.sluice.sql.tree.QualifiedName;
import dev.sluice.sql.tree.Select;
import dev.sluice.sql.tree.SetDefaultStorageVolume;
import dev.sluice.sql.tree.ShowDatabases;
import dev.sluice.sql.tree.ShowRoutineLoad;
import dev.sluice.sql.tree.ShowRoutineLoadTask;
import dev.sluice.sql.tree.ShowTables;
import dev.sluice.sql.tree.SingleColumn;
import dev.sluice.sql.tree.SortItem;
import dev.sluice.sql.tree.Statement;
import dev.sluice.sql.tree.StatementVisitor;
import dev.sluice.sql.tree.StringLiteral;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StatementParserTest {

  private static List<Statement> extra(String name) {
    return parseStatements(Fixtures.get("extra", "not_in_seeds", name).text());
  }

  @Nested
  class StorageVolumes {

    @Test
    void createS3Volume() {
      CreateStorageVolume create = (CreateStorageVolume) extra("create-storage-volume-s3").get(0);
      assertThat(create.name()).isEqualTo("def_volume");
      assertThat(create.ifNotExists()).isTrue();
      assertThat(create.type()).isEqualTo("S3");
      assertThat(create.locations())
          .containsExactly("s3://defaultbucket/test/", "s3://otherbucket/prefix/");
      assertThat(create.comment()).contains("the default volume");
      assertThat(create.properties().asMap())
          .hasSize(7)
          .containsEntry("aws.s3.region", "us-west-2")
          .containsEntry("aws.s3.secret_key", "yyyyyyyyyy");
    }

    @Test
    void minioLifecycle() {
      List<Statement> statements = extra("storage-volume-minio-lifecycle");
      CreateStorageVolume create = (CreateStorageVolume) statements.get(0);
      assertThat(create.type()).as("upper-cased").isEqualTo("S3");
      assertThat(create.comment()).isEmpty();
      assertThat(create.properties().get("AWS.S3.ENDPOINT")).contains("http://minio:9000");
      assertThat(((SetDefaultStorageVolume) statements.get(1)).name()).isEqualTo("minio_volume");
      assertThat(((DescribeStorageVolume) statements.get(2)).name()).isEqualTo("minio_volume");
      DropStorageVolume drop = (DropStorageVolume) statements.get(3);
      assertThat(drop.ifExists()).isTrue();
      assertThat(drop.name()).isEqualTo("minio_volume");
    }
  }

  @Nested
  class RoutineLoad {

    @Test
    void commentsInsideAPropertyList() {
      CreateRoutineLoad load = (CreateRoutineLoad) extra("routine-load-ssl").get(0);
      assertThat(load.position()).as("after the leading comment").isEqualTo(new Position(2, 0));
      assertThat(load.dataSourceProperties().asMap())
          .containsEntry("property.security.protocol", "ssl")
          .containsEntry("property.ssl.key.password", "******")
          .hasSize(7);
    }

    @Test
    void everyLoadClauseInAnyOrder() {
      CreateRoutineLoad load = (CreateRoutineLoad) extra("routine-load-all-load-clauses").get(0);
      LoadProperties clauses = load.loadProperties();
      assertThat(clauses.rowDelimiter()).contains("\n");
      assertThat(clauses.columnSeparator()).contains("\t");
      assertThat(ExpressionFormatter.format(clauses.where().orElseThrow()))
          .isEqualTo("`k1` > 100 AND `k2` = 1000");
      assertThat(clauses.partitions().orElseThrow().temporary()).isTrue();
      assertThat(clauses.partitions().orElseThrow().names()).containsExactly("tp1", "tp2");
      assertThat(ExpressionFormatter.formatColumnMappings(clauses.columnMappings()))
          .isEqualTo("k1,k2,tmp,k3=`k1` + `k2`");
      assertThat(load.jobProperties().asMap())
          .containsExactly(
              Map.entry("desired_concurrent_number", "3"), Map.entry("max_error_number", "10"));
    }

    @Test
    void singlePartitionWithoutParentheses() {
      CreateRoutineLoad load =
          (CreateRoutineLoad)
              parseStatement("CREATE ROUTINE LOAD j ON t PARTITION p1 FROM KAFKA (\"a\"=\"b\")");
      assertThat(load.loadProperties().partitions().orElseThrow().names()).containsExactly("p1");
      assertThat(load.loadProperties().partitions().orElseThrow().temporary()).isFalse();
      assertThat(load.job().database()).isEmpty();
    }

    @Test
    void keysAreLowerCasedAndValuesKeptVerbatim() {
      CreateRoutineLoad load =
          (CreateRoutineLoad)
              parseStatement(
                  "CREATE ROUTINE LOAD j ON t PROPERTIES ('Format' = 'JSON', \"Strip_Outer_Array\""
                      + " = 'TRUE') FROM Kafka ('kafka_topic' = 'Topic-A')");
      assertThat(load.jobProperties().asMap())
          .containsExactly(Map.entry("format", "JSON"), Map.entry("strip_outer_array", "TRUE"));
      assertThat(load.dataSourceProperties().get("KAFKA_TOPIC")).contains("Topic-A");
    }

    @Test
    void showRoutineLoadTaskFromDatabase() {
      ShowRoutineLoadTask show =
          (ShowRoutineLoadTask)
              parseStatement("show routine load task from example_db where 'j1' = jobname");
      assertThat(show.database()).contains("example_db");
      assertThat(show.jobName()).isEqualTo("j1");
      assertThat(show.vertical()).isFalse();
    }
  }

  @Nested
  class Catalog {

    @Test
    void databaseAndTableStatements() {
      List<Statement> statements = extra("catalog-statements");
      assertThat(statements.get(0)).isInstanceOf(ShowDatabases.class);
      assertThat(((ShowTables) statements.get(1)).database()).contains("example_db");
      assertThat(((DescribeTable) statements.get(2)).table().toString())
          .isEqualTo("example_db.example_tbl1");
      assertThat(((DescribeTable) statements.get(3)).table().database()).isEmpty();
      DropTable dropTable = (DropTable) statements.get(4);
      assertThat(dropTable.ifExists()).isTrue();
      assertThat(dropTable.table().toString()).isEqualTo("example_db.example_tbl1");
      DropDatabase dropDatabase = (DropDatabase) statements.get(5);
      assertThat(dropDatabase.ifExists()).isTrue();
      ShowRoutineLoad show = (ShowRoutineLoad) statements.get(6);
      assertThat(show.includeHistory()).isTrue();
      assertThat(show.job().orElseThrow().toString()).isEqualTo("example_db.job");
      assertThat(show.database()).contains("example_db");
      assertThat(show.vertical()).isTrue();
    }

    @Test
    void keywordsAreCaseInsensitiveNamesKeepTheirCase() {
      CreateDatabase create = (CreateDatabase) parseStatement("cReAtE dAtAbAsE iF nOt ExIsTs MyDb");
      assertThat(create.name()).isEqualTo("MyDb");
      assertThat(create.ifNotExists()).isTrue();
    }

    @Test
    void backquotedNamesMayHoldAnything() {
      DescribeTable describe = (DescribeTable) parseStatement("DESC `my-db`.`my table`");
      assertThat(describe.table())
          .isEqualTo(QualifiedName.of("my-db", "my table", new Position(1, 5)));
    }
  }

  @Nested
  class CreateTables {

    @Test
    void expressionPartitionedTable() {
      CreateTable table = (CreateTable) extra("create-table-expression-partitioned").get(0);
      assertThat(table.ifNotExists()).isTrue();
      ColumnDefinition id = table.columns().get(0);
      assertThat(id.autoIncrement()).isTrue();
      assertThat(id.nullability()).isEqualTo(Nullability.NOT_NULL);
      assertThat(id.comment()).contains("row id");
      ColumnDefinition eventTime = table.columns().get(1);
      assertThat(eventTime.defaultValue())
          .contains(FunctionCall.of("current_timestamp", List.of(), new Position(3, 41)));
      ColumnDefinition amount = table.columns().get(2);
      assertThat(amount.type().text()).isEqualTo("DECIMAL(10,2)");
      assertThat(amount.defaultValue()).contains(new StringLiteral("0", new Position(4, 34)));
      assertThat(((IntegerLiteral) table.columns().get(3).defaultValue().orElseThrow()).longValue())
          .isEqualTo(-1);
      assertThat(table.columns().get(4).nullability()).isEqualTo(Nullability.NULL);
      assertThat(table.columns().get(5).nullability()).isEqualTo(Nullability.UNSPECIFIED);
      assertThat(table.columns().get(5).type().text()).isEqualTo("JSON");
      assertThat(table.keys().orElseThrow().type()).isEqualTo(KeysDescription.Type.DUPLICATE);
      assertThat(table.comment()).contains("click events");
      Expression partition = table.partitioning().orElseThrow().expressions().get(0);
      assertThat(ExpressionFormatter.format(partition))
          .isEqualTo("date_trunc('day', `event_time`)");
      Distribution distribution = table.distribution().orElseThrow();
      assertThat(distribution.type()).isEqualTo(Distribution.Type.RANDOM);
      assertThat(distribution.columns()).isEmpty();
      assertThat(distribution.buckets()).isEqualTo(OptionalInt.of(8));
      assertThat(table.orderBy()).containsExactly("event_time");
      assertThat(table.properties().get("replication_num")).contains("1");
    }

    @Test
    void partitionByColumns() {
      for (String clause : List.of("PARTITION BY dt, city", "PARTITION BY (dt, city)")) {
        CreateTable table =
            (CreateTable) parseStatement("CREATE TABLE t (dt DATE, city STRING) " + clause);
        assertThat(table.partitioning().orElseThrow().expressions())
            .extracting(e -> ((ColumnRef) e).name())
            .containsExactly("dt", "city");
      }
    }

    @Test
    void everyTypeNormalised() {
      CreateTable table =
          (CreateTable)
              parseStatement(
                  "CREATE TABLE t (a boolean, b tinyint(4), c SMALLINT, d int, e integer(11),"
                      + " f BIGINT, g largeint, h float, i double, j decimal, k DECIMAL(9),"
                      + " l decimalv2(27, 9), m decimal32(9,2), n decimal64(18, 4),"
                      + " o decimal128(38,10), p date, q datetime, r char, s char(10),"
                      + " u varchar, v varchar(65533), w string, x json)");
      assertThat(table.columns())
          .extracting(c -> c.type().text())
          .containsExactly(
              "BOOLEAN",
              "TINYINT",
              "SMALLINT",
              "INT",
              "INT",
              "BIGINT",
              "LARGEINT",
              "FLOAT",
              "DOUBLE",
              "DECIMAL",
              "DECIMAL(9)",
              "DECIMALV2(27,9)",
              "DECIMAL32(9,2)",
              "DECIMAL64(18,4)",
              "DECIMAL128(38,10)",
              "DATE",
              "DATETIME",
              "CHAR",
              "CHAR(10)",
              "VARCHAR",
              "VARCHAR(65533)",
              "STRING",
              "JSON");
    }

    @Test
    void aggregateColumns() {
      CreateTable table =
          (CreateTable)
              parseStatement(
                  "CREATE TABLE t (k INT, a BIGINT SUM, b INT MAX, c INT MIN, d STRING REPLACE,"
                      + " e STRING REPLACE_IF_NOT_NULL NULL DEFAULT 'x', f STRING HLL_UNION,"
                      + " g STRING BITMAP_UNION) AGGREGATE KEY (k)");
      assertThat(table.columns().subList(1, 8))
          .extracting(c -> c.aggregateType().orElseThrow())
          .containsExactly(
              AggregateType.SUM,
              AggregateType.MAX,
              AggregateType.MIN,
              AggregateType.REPLACE,
              AggregateType.REPLACE_IF_NOT_NULL,
              AggregateType.HLL_UNION,
              AggregateType.BITMAP_UNION);
    }
  }

  @Nested
  class Queries {

    @Test
    void everyClause() {
      Select select = (Select) extra("select-everything").get(0);
      assertThat(select.distinct()).isTrue();
      assertThat(select.selectItems())
          .extracting(item -> ((SingleColumn) item).alias().orElse("-"))
          .containsExactly("-", "clicks", "visitors", "total");
      FunctionCall countStar =
          (FunctionCall) ((SingleColumn) select.selectItems().get(1)).expression();
      assertThat(countStar.starArgument()).isTrue();
      assertThat(select.from().table().toString()).isEqualTo("quickstart.site_clicks");
      assertThat(select.from().alias()).contains("c");
      Logical where = (Logical) select.where().orElseThrow();
      assertThat(where.terms().get(0)).isInstanceOf(Between.class);
      assertThat(where.terms().get(1)).isInstanceOf(Like.class);
      assertThat(select.groupBy()).containsExactly(ColumnRef.of("site", new Position(4, 9)));
      assertThat(select.having().orElseThrow()).isInstanceOf(Comparison.class);
      assertThat(select.orderBy()).extracting(SortItem::ascending).containsExactly(false, true);
      assertThat(select.limit()).contains(new Limit(10, 20, new Position(7, 0)));
    }

    @Test
    void mysqlLimitOffsetCommaCount() {
      Select select = (Select) parseStatement("SELECT a FROM t LIMIT 20, 10");
      assertThat(select.limit().orElseThrow().count()).isEqualTo(10);
      assertThat(select.limit().orElseThrow().offset()).isEqualTo(20);
    }

    @Test
    void qualifiedStarAndAliasWithoutAs() {
      Select select = (Select) parseStatement("SELECT c.*, vtime v FROM site_clicks c");
      assertThat(select.selectItems().get(0))
          .isEqualTo(new AllColumns(Optional.of("c"), new Position(1, 7)));
      assertThat(((SingleColumn) select.selectItems().get(1)).alias()).contains("v");
    }
  }

  @Nested
  class Scripts {

    @Test
    void emptyStatementsAndMixedTerminators() {
      List<Statement> statements =
          parseStatements(
              ";; SHOW DATABASES;;; SHOW TABLES \\G\nSHOW STORAGE VOLUMES \\g SHOW DATABASES");
      assertThat(statements)
          .extracting(Statement::vertical)
          .containsExactly(false, true, false, false);
      assertThat(statements.get(2).position()).isEqualTo(new Position(2, 0));
    }

    @Test
    void windowsLineEndingsAndByteOrderMark() {
      List<Statement> statements = parseStatements("\uFEFFUSE db;\r\nSHOW TABLES;\r\n");
      assertThat(statements).hasSize(2);
      assertThat(statements.get(1).position()).isEqualTo(new Position(2, 0));
    }
  }

  @Nested
  class Visitors {

    @Test
    void everyStatementDispatchesToItsOwnMethod() {
      @SuppressWarnings("unchecked")
      StatementVisitor<String> visitor =
          (StatementVisitor<String>)
              Proxy.newProxyInstance(
                  getClass().getClassLoader(),
                  new Class<?>[] {StatementVisitor.class},
                  (proxy, method, args) -> method.getName());
      for (Statement statement : allKindsOfStatements()) {
        assertThat(statement.accept(visitor))
            .isEqualTo("visit" + statement.getClass().getSimpleName());
      }
    }

    @Test
    void everyExpressionDispatchesToItsOwnMethod() {
      @SuppressWarnings("unchecked")
      ExpressionVisitor<String> visitor =
          (ExpressionVisitor<String>)
              Proxy.newProxyInstance(
                  getClass().getClassLoader(),
                  new Class<?>[] {ExpressionVisitor.class},
                  (proxy, method, args) -> method.getName());
      for (String sql :
          List.of(
              "NULL",
              "TRUE",
              "1",
              "1.5",
              "1e5",
              "'s'",
              "c",
              "a + b",
              "-a",
              "a = b",
              "a AND b",
              "NOT a",
              "a IS NULL",
              "a IN (1)",
              "a BETWEEN 1 AND 2",
              "a LIKE 'x'",
              "CASE WHEN a THEN b END",
              "CAST(a AS INT)",
              "f(a)")) {
        Expression expression = SqlParser.parseExpression(sql);
        assertThat(expression.accept(visitor))
            .isEqualTo("visit" + expression.getClass().getSimpleName());
      }
    }

    private List<Statement> allKindsOfStatements() {
      return parseStatements(
          String.join(
              ";\n",
              "CREATE DATABASE d",
              "DROP DATABASE d",
              "USE d",
              "SHOW DATABASES",
              "SHOW TABLES",
              "DESC t",
              "DROP TABLE t",
              "CREATE TABLE t (a INT)",
              "CREATE ROUTINE LOAD j ON t FROM KAFKA",
              "ALTER ROUTINE LOAD FOR j",
              "PAUSE ROUTINE LOAD FOR j",
              "RESUME ROUTINE LOAD FOR j",
              "STOP ROUTINE LOAD FOR j",
              "SHOW ROUTINE LOAD",
              "SHOW ROUTINE LOAD TASK WHERE JobName = 'j'",
              "CREATE STORAGE VOLUME v TYPE = S3 LOCATIONS = ('s3://b/')",
              "SHOW STORAGE VOLUMES",
              "DESC STORAGE VOLUME v",
              "SET v AS DEFAULT STORAGE VOLUME",
              "DROP STORAGE VOLUME v",
              "CREATE FILE \"ca.pem\" PROPERTIES (\"catalog\" = \"kafka\", \"content\" = \"x\")",
              "SHOW FILE",
              "DROP FILE \"ca.pem\"",
              "SELECT * FROM t"));
    }
  }
}
