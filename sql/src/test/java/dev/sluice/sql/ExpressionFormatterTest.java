package dev.sluice.sql;

import static dev.sluice.sql.ExpressionFormatter.format;
import static dev.sluice.sql.SqlParser.parseExpression;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sql.tree.Arithmetic;
import dev.sluice.sql.tree.ColumnMapping;
import dev.sluice.sql.tree.ColumnRef;
import dev.sluice.sql.tree.DecimalLiteral;
import dev.sluice.sql.tree.DoubleLiteral;
import dev.sluice.sql.tree.Expression;
import dev.sluice.sql.tree.FunctionCall;
import dev.sluice.sql.tree.IntegerLiteral;
import dev.sluice.sql.tree.Logical;
import dev.sluice.sql.tree.Negative;
import dev.sluice.sql.tree.Position;
import dev.sluice.sql.tree.StringLiteral;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionFormatterTest {

  private static final Position P = new Position(1, 0);

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "==>",
      quoteCharacter = '^',
      value = {
        "from_unixtime(pay_time, '%Y%m%d')   ==> from_unixtime(`pay_time`, '%Y%m%d')",
        "k1 > 100 and k2 = 1000              ==> `k1` > 100 AND `k2` = 1000",
        "a or b and c                        ==> `a` OR `b` AND `c`",
        "(a or b) and c                      ==> (`a` OR `b`) AND `c`",
        "not (a and b)                       ==> NOT (`a` AND `b`)",
        "not a = 1                           ==> NOT `a` = 1",
        "(a + b) * c                         ==> (`a` + `b`) * `c`",
        "a - (b - c)                         ==> `a` - (`b` - `c`)",
        "a - (b + c)                         ==> `a` - (`b` + `c`)",
        "(a - b) - c                         ==> `a` - `b` - `c`",
        "-(a + b)                            ==> -(`a` + `b`)",
        "- -a                                ==> -(-`a`)",
        "a - -5                              ==> `a` - -5",
        "x not between 1 and 2               ==> `x` NOT BETWEEN 1 AND 2",
        "x between a - 1 and (b or c)        ==> `x` BETWEEN `a` - 1 AND (`b` OR `c`)",
        "x is not null                       ==> `x` IS NOT NULL",
        "(a = b) is null                     ==> `a` = `b` IS NULL",
        "a = (b = c)                         ==> `a` = (`b` = `c`)",
        "x in (1, 'a', null)                 ==> `x` IN (1, 'a', NULL)",
        "x not in (1)                        ==> `x` NOT IN (1)",
        "s not like '%x\\_'                  ==> `s` NOT LIKE '%x\\_'",
        "s rlike '^a'                        ==> `s` REGEXP '^a'",
        "case when a then 1 else 2 end       ==> CASE WHEN `a` THEN 1 ELSE 2 END",
        "case k when 1 then 'a' end          ==> CASE `k` WHEN 1 THEN 'a' END",
        "cast(x as decimal(10,2))            ==> CAST(`x` AS DECIMAL(10,2))",
        "count(*)                            ==> count(*)",
        "COUNT(distinct a, b)                ==> count(DISTINCT `a`, `b`)",
        "IF(a, 1, 2)                         ==> if(`a`, 1, 2)",
        "current_timestamp                   ==> current_timestamp()",
        "t.`my col`                          ==> `t`.`my col`",
        "'it''s' + \"tab\\there\"            ==> 'it\\'s' + 'tab\\there'",
        "1.50 + 2. + 1.5e3 + true            ==> 1.50 + 2. + 1500.0E0 + TRUE",
        "a <=> b                             ==> `a` <=> `b`",
        "a <> b                              ==> `a` != `b`",
      })
  void printsStarRocksStyle(String sql, String expected) {
    assertThat(format(parseExpression(sql))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "a OR b AND NOT c OR (d AND (e OR f))",
        "-a * (b + c) / d % -e - -(-f)",
        "x BETWEEN y AND z AND NOT w IS NULL",
        "a = b = c",
        "(a IN (1, 2)) = (b LIKE 'x')",
        "CASE WHEN a > 1 THEN CAST(b AS VARCHAR(3)) WHEN c THEN NULL ELSE -1.5 END",
        "if(a IS NOT NULL, concat('\\\\', '\\n', '\\'', \"\\\"\"), date_trunc('day', ts))",
        "`weird ``name```.`col` + `select` - 2024_orders",
        "sum(DISTINCT price * 2) + count(*) - max(`key`)",
        "-9223372036854775808 + 170141183460469231731687303715884105727 + 1e-300",
        "'\\0\\b\\Z\\r\\t' NOT REGEXP '\\\\d+'",
      })
  void roundTripsToTheSameTree(String sql) {
    Expression parsed = parseExpression(sql);
    String formatted = format(parsed);
    Expression reparsed = parseExpression(formatted);
    assertThat(format(reparsed)).isEqualTo(formatted);
    assertThat(withoutPositions(reparsed)).isEqualTo(withoutPositions(parsed));
  }

  @Test
  void treesBuiltByHandNeedParenthesesToo() {
    Expression sum =
        new Arithmetic(
            Arithmetic.Operator.SUBTRACT,
            ColumnRef.of("a", P),
            new Arithmetic(
                Arithmetic.Operator.SUBTRACT, ColumnRef.of("b", P), ColumnRef.of("c", P), P),
            P);
    assertThat(format(sum)).isEqualTo("`a` - (`b` - `c`)");
    Expression nestedAnd =
        new Logical(
            Logical.Operator.AND,
            List.of(
                ColumnRef.of("a", P),
                new Logical(
                    Logical.Operator.AND, List.of(ColumnRef.of("b", P), ColumnRef.of("c", P)), P)),
            P);
    assertThat(format(nestedAnd)).isEqualTo("`a` AND (`b` AND `c`)");
    assertThat(format(new Negative(new IntegerLiteral(BigInteger.valueOf(-1), P), P)))
        .isEqualTo("-(-1)");
    assertThat(format(new DecimalLiteral(new BigDecimal("1E+3"), P))).isEqualTo("1000.");
    assertThat(format(new DoubleLiteral(-0.0, P))).isEqualTo("-0.0E0");
    assertThat(format(FunctionCall.of("my func", List.of(new StringLiteral("x", P)), P)))
        .isEqualTo("`my func`('x')");
  }

  @Test
  void columnMappingsLikeShowRoutineLoad() {
    List<ColumnMapping> mappings =
        SqlParser.parseColumnMappings(
            "commodity_id, customer_name, `select`, `two words`,"
                + " pay_dt=from_unixtime(pay_time, '%Y%m%d')");
    String formatted = ExpressionFormatter.formatColumnMappings(mappings);
    assertThat(formatted)
        .isEqualTo(
            "commodity_id,customer_name,`select`,`two words`,"
                + "pay_dt=from_unixtime(`pay_time`, '%Y%m%d')");
    assertThat(ExpressionFormatter.formatColumnMappings(SqlParser.parseColumnMappings(formatted)))
        .isEqualTo(formatted);
    assertThat(
            ExpressionFormatter.formatColumnMapping(
                new ColumnMapping("k3", Optional.of(ColumnRef.of("k1", P)), P)))
        .isEqualTo("k3=`k1`");
  }

  @Test
  void quoting() {
    assertThat(ExpressionFormatter.quoteIfNeeded("price")).isEqualTo("price");
    assertThat(ExpressionFormatter.quoteIfNeeded("type")).as("non-reserved").isEqualTo("type");
    assertThat(ExpressionFormatter.quoteIfNeeded("FROM")).isEqualTo("`FROM`");
    assertThat(ExpressionFormatter.quoteIfNeeded("a`b")).isEqualTo("`a``b`");
    assertThat(ExpressionFormatter.quoteString("a'b\\c\n")).isEqualTo("'a\\'b\\\\c\\n'");
  }

  /** The formatted text of every node with its position, to compare trees without positions. */
  private static String withoutPositions(Expression expression) {
    return expression.toString().replaceAll("position=line \\d+:\\d+", "");
  }
}
