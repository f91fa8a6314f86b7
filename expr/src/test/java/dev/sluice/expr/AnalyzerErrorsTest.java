package dev.sluice.expr;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.SqlParser;
import dev.sluice.sql.tree.ColumnMapping;
import dev.sluice.sql.tree.CreateRoutineLoad;
import dev.sluice.sql.tree.Position;
import dev.sluice.storage.schema.TableColumn;
import dev.sluice.storage.schema.TableSchema;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every analysis error names the problem and where it is. */
class AnalyzerErrorsTest {

  private static final TableSchema ORDERS =
      TableSchema.of(
          TableColumn.of("commodity_id", "VARCHAR(26)", true),
          TableColumn.of("customer_name", "VARCHAR(26)", true),
          TableColumn.of("country", "VARCHAR(26)", true),
          TableColumn.of("pay_time", "BIGINT", true),
          TableColumn.of("pay_dt", "DATE", true),
          TableColumn.of("price", "DOUBLE", true));

  private static final TransformOptions OPTIONS = TransformOptions.of(ZoneId.of("UTC"), true);

  private static LoadTransform analyze(String columns, String where) {
    return LoadAnalyzer.analyze(ORDERS, columns, where, OPTIONS);
  }

  private static final String SOURCES = "commodity_id, customer_name, country, pay_time, price";

  @Test
  void unknownColumn() {
    assertThatThrownBy(() -> analyze(SOURCES + ", pay_dt=from_unixtime(pay_tme, '%Y%m%d')", ""))
        .isInstanceOf(ExpressionException.class)
        .hasMessage(
            "line 1:76: unknown column 'pay_tme' (known: commodity_id, customer_name, country,"
                + " pay_time, price)");
  }

  @Test
  void unknownColumnInWhereListsEveryVisibleName() {
    assertThatThrownBy(() -> analyze("pay_time, tmp", "pay_time > 0 and nope = 1"))
        .isInstanceOf(ExpressionException.class)
        .hasMessage(
            "line 1:17: unknown column 'nope' (known: pay_time, tmp, commodity_id, customer_name,"
                + " country, pay_dt, price)");
  }

  @Test
  void unknownFunction() {
    assertThatThrownBy(() -> analyze(SOURCES + ", pay_dt=from_unixtim(pay_time)", ""))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("line 1:62: unknown function 'from_unixtim'");
  }

  @Test
  void wrongArity() {
    assertThatThrownBy(() -> analyze(SOURCES + ", pay_dt=from_unixtime(pay_time, '%Y', 'x')", ""))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("line 1:62: function from_unixtime takes 1 or 2 arguments, got 3");
    assertThatThrownBy(() -> analyze("pay_time", "upper() = 'x'"))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("line 1:0: function upper takes 1 argument, got 0");
    assertThatThrownBy(() -> analyze("pay_time", "now(1) is null"))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("line 1:0: function now takes no arguments, got 1");
    assertThatThrownBy(() -> analyze("pay_time", "concat_ws('x') = ''"))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("line 1:0: function concat_ws takes at least 2 arguments, got 1");
    assertThatThrownBy(() -> analyze("pay_time", "count(*) > 1"))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("line 1:0: unknown function 'count'");
  }

  @Test
  void wrongArgumentType() {
    assertThatThrownBy(() -> analyze("pay_time", "year(pay_time > 1) = 2020"))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("line 1:5: argument 1 of year must be DATETIME, got BOOLEAN");
    assertThatThrownBy(() -> analyze("pay_dt", "abs(pay_dt) > 1"))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("line 1:4: argument 1 of abs must be a number, got DATE");
    assertThatThrownBy(() -> analyze("pay_time", "date_trunc('decade', pay_time) is null"))
        .isInstanceOf(ExpressionException.class)
        .hasMessage(
            "line 1:11: unknown unit 'decade' for date_trunc (units: year, quarter, month, week,"
                + " day, hour, minute, second)");
  }

  @Test
  void whereMustBeBoolean() {
    assertThatThrownBy(() -> analyze(SOURCES, "pay_time + 1"))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("line 1:0: WHERE must be a BOOLEAN expression, got BIGINT");
    assertThatThrownBy(() -> analyze(SOURCES, "pay_time > 1 and price"))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("line 1:17: an operand of AND must be a BOOLEAN expression, got DOUBLE");
  }

  @Test
  void derivedColumnNotInTable() {
    assertThatThrownBy(() -> analyze(SOURCES + ", pay_day=from_unixtime(pay_time)", ""))
        .isInstanceOf(ExpressionException.class)
        .hasMessage(
            "line 1:55: derived column 'pay_day' is not a column of the table (columns:"
                + " commodity_id, customer_name, country, pay_time, pay_dt, price)");
  }

  @Test
  void notNullColumnWithoutAValue() {
    TableSchema table =
        TableSchema.of(
            TableColumn.of("k1", "INT", false),
            TableColumn.of("k2", "INT", false),
            TableColumn.of("v", "INT", true));
    assertThatThrownBy(() -> LoadAnalyzer.analyze(table, "k1, v", "", OPTIONS))
        .isInstanceOf(ExpressionException.class)
        .hasMessage(
            "line 1:0: column 'k2' is NOT NULL but COLUMNS gives it no value (map a source field"
                + " to it or derive it)");
  }

  @Test
  void duplicateNames() {
    // The parser rejects duplicates in COLUMNS text; lists built in code are checked again.
    java.util.List<ColumnMapping> mappings =
        java.util.List.of(
            new ColumnMapping("pay_time", Optional.empty(), new Position(1, 0)),
            new ColumnMapping(
                "PAY_TIME", Optional.of(SqlParser.parseExpression("1")), new Position(1, 10)));
    assertThatThrownBy(() -> LoadAnalyzer.analyze(ORDERS, mappings, Optional.empty(), OPTIONS))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("line 1:10: column 'PAY_TIME' appears twice in COLUMNS (first at line 1:0)");
  }

  @Test
  void derivedColumnsReadOnlyEarlierOnes() {
    assertThatThrownBy(() -> analyze("pay_time, pay_dt = price, price = 1.5", ""))
        .isInstanceOf(ExpressionException.class)
        .hasMessage(
            "line 1:19: column 'price' is derived later in COLUMNS; an expression can only read"
                + " source fields and columns derived before it");
    assertThatThrownBy(() -> analyze("pay_time, price = price + 1", ""))
        .isInstanceOf(ExpressionException.class)
        .hasMessage(
            "line 1:18: column 'price' is derived by this expression; an expression can only"
                + " read source fields and columns derived before it");
  }

  @Test
  void valuesThatCannotGoIntoTheColumn() {
    assertThatThrownBy(() -> analyze("pay_time, pay_dt = pay_time > 0", ""))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("line 1:19: column 'pay_dt' of type DATE cannot take a BOOLEAN value");
  }

  @Test
  void badLiterals() {
    assertThatThrownBy(() -> analyze("pay_dt", "pay_dt > '2024-13-01'"))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("line 1:0: cannot convert '2024-13-01' to DATE");
    assertThatThrownBy(() -> analyze("pay_dt", "pay_dt > 1"))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("line 1:0: cannot compare DATE with BIGINT");
    assertThatThrownBy(() -> analyze("pay_dt", "pay_dt + 1 > 0"))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("line 1:0: operator + cannot take a DATE (use the date functions)");
    assertThatThrownBy(() -> analyze("customer_name", "customer_name regexp '(' "))
        .isInstanceOf(ExpressionException.class)
        .hasMessageStartingWith("line 1:21: invalid regular expression: Unclosed group");
    assertThatThrownBy(() -> analyze("pay_time", "cast(pay_time as json) is null"))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("line 1:17: cannot cast to JSON: not a column type: 'JSON': unknown type JSON");
    assertThatThrownBy(() -> analyze("pay_dt", "cast(pay_dt as boolean)"))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("line 1:0: cannot cast DATE to BOOLEAN");
  }

  @Test
  void qualifiedNames() {
    assertThatThrownBy(() -> analyze("pay_time", "t.pay_time > 1"))
        .isInstanceOf(ExpressionException.class)
        .hasMessage("line 1:0: column 't.pay_time': qualified column names are not supported here");
  }

  @Test
  void positionsAreThoseOfTheStatementTheClausesCameFrom() {
    CreateRoutineLoad statement =
        (CreateRoutineLoad)
            SqlParser.parseStatement(
                "CREATE ROUTINE LOAD db.job ON orders\n"
                    + "COLUMNS(commodity_id, customer_name, country, pay_time, price,\n"
                    + "        pay_dt=from_unixtime(pay_tme, '%Y%m%d'))\n"
                    + "FROM KAFKA (\"kafka_broker_list\" = \"b:9092\", \"kafka_topic\" = \"t\")");
    assertThatThrownBy(
            () ->
                LoadAnalyzer.analyze(
                    ORDERS,
                    statement.loadProperties().columnMappings(),
                    statement.loadProperties().where(),
                    OPTIONS))
        .isInstanceOf(ExpressionException.class)
        .hasMessageStartingWith("line 3:29: unknown column 'pay_tme'");
  }
}
