package dev.sluice.sql;

import static dev.sluice.sql.SqlParser.parseExpression;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.tree.Arithmetic;
import dev.sluice.sql.tree.Between;
import dev.sluice.sql.tree.BooleanLiteral;
import dev.sluice.sql.tree.Case;
import dev.sluice.sql.tree.Cast;
import dev.sluice.sql.tree.ColumnMapping;
import dev.sluice.sql.tree.ColumnRef;
import dev.sluice.sql.tree.Comparison;
import dev.sluice.sql.tree.DecimalLiteral;
import dev.sluice.sql.tree.DoubleLiteral;
import dev.sluice.sql.tree.Expression;
import dev.sluice.sql.tree.FunctionCall;
import dev.sluice.sql.tree.In;
import dev.sluice.sql.tree.IntegerLiteral;
import dev.sluice.sql.tree.IsNull;
import dev.sluice.sql.tree.Like;
import dev.sluice.sql.tree.Logical;
import dev.sluice.sql.tree.Negative;
import dev.sluice.sql.tree.Not;
import dev.sluice.sql.tree.NullLiteral;
import dev.sluice.sql.tree.Position;
import dev.sluice.sql.tree.StringLiteral;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionParserTest {

  /**
   * The expression with every node in parentheses, to check the tree's shape; see {@link
   * ExpressionFormatterTest} for the real formatting.
   */
  private static String shape(Expression expression) {
    if (expression instanceof Logical logical) {
      return "("
          + String.join(
              " " + logical.operator() + " ",
              logical.terms().stream().map(ExpressionParserTest::shape).toList())
          + ")";
    }
    if (expression instanceof Not not) {
      return "(NOT " + shape(not.value()) + ")";
    }
    if (expression instanceof Comparison comparison) {
      return "("
          + shape(comparison.left())
          + " "
          + comparison.operator().symbol()
          + " "
          + shape(comparison.right())
          + ")";
    }
    if (expression instanceof Arithmetic arithmetic) {
      return "("
          + shape(arithmetic.left())
          + " "
          + arithmetic.operator().symbol()
          + " "
          + shape(arithmetic.right())
          + ")";
    }
    if (expression instanceof Negative negative) {
      return "(-" + shape(negative.value()) + ")";
    }
    if (expression instanceof Between between) {
      return "("
          + shape(between.value())
          + (between.negated() ? " NOT" : "")
          + " BETWEEN "
          + shape(between.lower())
          + " AND "
          + shape(between.upper())
          + ")";
    }
    if (expression instanceof IsNull isNull) {
      return "(" + shape(isNull.value()) + (isNull.negated() ? " IS NOT NULL)" : " IS NULL)");
    }
    return ExpressionFormatter.format(expression).replace("`", "");
  }

  @Nested
  class Precedence {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiterString = "=>",
        value = {
          "a OR b AND c                  => (a OR (b AND c))",
          "a AND b OR c                  => ((a AND b) OR c)",
          "a OR b OR c OR d              => (a OR b OR c OR d)",
          "(a OR b) OR (c OR d)          => (a OR b OR c OR d)",
          "a AND (b OR c)                => (a AND (b OR c))",
          "a && b || c                   => ((a AND b) OR c)",
          "NOT a AND b                   => ((NOT a) AND b)",
          "NOT a OR NOT b                => ((NOT a) OR (NOT b))",
          "NOT a = 1                     => (NOT (a = 1))",
          "NOT NOT a                     => (NOT (NOT a))",
          "a = 1 + 2 * 3                 => (a = (1 + (2 * 3)))",
          "a + 1 > b * 2                 => ((a + 1) > (b * 2))",
          "a - b - c                     => ((a - b) - c)",
          "a / b * c % d                 => (((a / b) * c) % d)",
          "a - (b - c)                   => (a - (b - c))",
          "-a * b                        => ((-a) * b)",
          "-(a + b)                      => (-(a + b))",
          "- -a                          => (-(-a))",
          "+a                            => a",
          "a * -1                        => (a * -1)",
          "x BETWEEN 1 AND 2 AND y       => ((x BETWEEN 1 AND 2) AND y)",
          "x NOT BETWEEN a + 1 AND b * 2 => (x NOT BETWEEN (a + 1) AND (b * 2))",
          "a = 1 AND b BETWEEN 2 AND 3 OR c => (((a = 1) AND (b BETWEEN 2 AND 3)) OR c)",
          "a IS NULL AND b IS NOT NULL   => ((a IS NULL) AND (b IS NOT NULL))",
          "a + 1 IS NULL                 => ((a + 1) IS NULL)",
          "a = b IS NULL                 => ((a = b) IS NULL)",
        })
    void groupsAsSqlDoes(String sql, String expected) {
      assertThat(shape(parseExpression(sql))).isEqualTo(expected);
    }

    @Test
    void longOrChainsAreFlatNotDeep() {
      String sql = String.join(" OR ", java.util.Collections.nCopies(5_000, "x = 1"));
      Logical or = (Logical) parseExpression(sql);
      assertThat(or.terms()).hasSize(5_000);
    }
  }

  @Nested
  class Literals {

    @Test
    void nullAndBooleans() {
      assertThat(parseExpression("NULL")).isEqualTo(new NullLiteral(new Position(1, 0)));
      assertThat(parseExpression("true")).isEqualTo(new BooleanLiteral(true, new Position(1, 0)));
      assertThat(parseExpression("FALSE")).isEqualTo(new BooleanLiteral(false, new Position(1, 0)));
    }

    @Test
    void integersOfEverySize() {
      assertThat(parseExpression("42")).isEqualTo(integer(42, 1, 0));
      assertThat(((IntegerLiteral) parseExpression("9223372036854775807")).longValue())
          .isEqualTo(Long.MAX_VALUE);
      IntegerLiteral min = (IntegerLiteral) parseExpression("-9223372036854775808");
      assertThat(min.fitsInLong()).isTrue();
      assertThat(min.longValue()).isEqualTo(Long.MIN_VALUE);
      IntegerLiteral large =
          (IntegerLiteral) parseExpression("170141183460469231731687303715884105727");
      assertThat(large.fitsInLong()).isFalse();
      assertThat(large.value()).isEqualTo(BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE));
    }

    @Test
    void decimalsKeepTheirScale() {
      assertThat(parseExpression("1.50"))
          .isEqualTo(new DecimalLiteral(new BigDecimal("1.50"), new Position(1, 0)));
      assertThat(((DecimalLiteral) parseExpression(".5")).value()).isEqualTo(new BigDecimal("0.5"));
      assertThat(((DecimalLiteral) parseExpression("5.")).value()).isEqualTo(new BigDecimal("5"));
      assertThat(((DecimalLiteral) parseExpression("-0.25")).value())
          .isEqualTo(new BigDecimal("-0.25"));
    }

    @Test
    void doublesHaveAnExponent() {
      assertThat(parseExpression("1.5e3")).isEqualTo(new DoubleLiteral(1500.0, new Position(1, 0)));
      assertThat(((DoubleLiteral) parseExpression("2E-2")).value()).isEqualTo(0.02);
      assertThat(((DoubleLiteral) parseExpression("-1e10")).value()).isEqualTo(-1e10);
    }

    @Test
    void minusBeforeANumberIsPartOfTheLiteral() {
      assertThat(parseExpression("-7")).isEqualTo(integer(-7, 1, 0));
      assertThat(parseExpression("- 7")).isEqualTo(integer(-7, 1, 0));
      assertThat(parseExpression("-a")).isInstanceOf(Negative.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        quoteCharacter = '^',
        value = {
          "'plain'                 | plain",
          "\"double quoted\"       | double quoted",
          "'it''s'                 | it's",
          "\"say \"\"hi\"\"\"      | say \"hi\"",
          "'a\\'b'                 | a'b",
          "\"a\\\"b\"              | a\"b",
          "'back\\\\slash'         | back\\slash",
          "'50\\%'                 | 50\\%",
          "'a\\_b'                 | a\\_b",
          "'\\x01'                 | x01",
          "'\"'                    | \"",
          "\"'\"                   | '",
        })
    void stringsAreUnescaped(String sql, String expected) {
      assertThat(((StringLiteral) parseExpression(sql.strip())).value()).isEqualTo(expected);
    }

    @Test
    void controlCharacterEscapes() {
      assertThat(((StringLiteral) parseExpression("'\\t|\\n|\\r|\\b|\\0|\\Z'")).value())
          .isEqualTo("\t|\n|\r|\b|\0|\032");
      assertThat(((StringLiteral) parseExpression("''")).value()).isEmpty();
      assertThat(((StringLiteral) parseExpression("'héllo, 世界 😀'")).value())
          .isEqualTo("héllo, 世界 😀");
    }

    @Test
    void numbersOutOfRangeAreErrors() {
      assertThatThrownBy(() -> parseExpression("1e999"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 1:0: numeric literal 1e999 is out of the range of DOUBLE");
      assertThatThrownBy(() -> parseExpression("x + " + "9".repeat(101)))
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 1:4: numeric literal is too long (more than 100 characters)");
    }
  }

  @Nested
  class Predicates {

    @Test
    void inList() {
      In in = (In) parseExpression("country IN ('US', 'UK', upper(x))");
      assertThat(in.negated()).isFalse();
      assertThat(in.value()).isEqualTo(ColumnRef.of("country", new Position(1, 0)));
      assertThat(in.list()).hasSize(3);
      assertThat(in.list().get(2)).isInstanceOf(FunctionCall.class);
      assertThat(((In) parseExpression("k NOT IN (1)")).negated()).isTrue();
    }

    @Test
    void likeAndRegexp() {
      Like like = (Like) parseExpression("site LIKE 'https://%'");
      assertThat(like.kind()).isEqualTo(Like.Kind.LIKE);
      assertThat(like.negated()).isFalse();
      assertThat(like.pattern()).isEqualTo(new StringLiteral("https://%", new Position(1, 10)));
      Like notLike = (Like) parseExpression("site NOT LIKE '%.cn'");
      assertThat(notLike.negated()).isTrue();
      assertThat(((Like) parseExpression("a REGEXP '^x'")).kind()).isEqualTo(Like.Kind.REGEXP);
      assertThat(((Like) parseExpression("a NOT RLIKE '^x'")).kind()).isEqualTo(Like.Kind.REGEXP);
    }

    @Test
    void comparisonOperators() {
      assertThat(comparison("a = b")).isEqualTo(Comparison.Operator.EQUAL);
      assertThat(comparison("a != b")).isEqualTo(Comparison.Operator.NOT_EQUAL);
      assertThat(comparison("a <> b")).isEqualTo(Comparison.Operator.NOT_EQUAL);
      assertThat(comparison("a < b")).isEqualTo(Comparison.Operator.LESS_THAN);
      assertThat(comparison("a <= b")).isEqualTo(Comparison.Operator.LESS_THAN_OR_EQUAL);
      assertThat(comparison("a > b")).isEqualTo(Comparison.Operator.GREATER_THAN);
      assertThat(comparison("a >= b")).isEqualTo(Comparison.Operator.GREATER_THAN_OR_EQUAL);
      assertThat(comparison("a <=> b")).isEqualTo(Comparison.Operator.NULL_SAFE_EQUAL);
    }

    private Comparison.Operator comparison(String sql) {
      return ((Comparison) parseExpression(sql)).operator();
    }
  }

  @Nested
  class CaseCastAndCalls {

    @Test
    void searchedCase() {
      Case expression =
          (Case)
              parseExpression("CASE WHEN price > 100 THEN 'high' WHEN price > 10 THEN 'mid' END");
      assertThat(expression.operand()).isEmpty();
      assertThat(expression.whenClauses()).hasSize(2);
      assertThat(expression.whenClauses().get(1).result())
          .isEqualTo(new StringLiteral("mid", new Position(1, 55)));
      assertThat(expression.elseValue()).isEmpty();
    }

    @Test
    void simpleCaseWithElse() {
      Case expression =
          (Case) parseExpression("case gender when 'male' then 1 when 'female' then 2 else 0 end");
      assertThat(expression.operand()).contains(ColumnRef.of("gender", new Position(1, 5)));
      assertThat(expression.whenClauses())
          .extracting(w -> w.condition().getClass().getSimpleName())
          .containsExactly("StringLiteral", "StringLiteral");
      assertThat(expression.elseValue()).contains(integer(0, 1, 57));
    }

    @Test
    void castKeepsANormalisedType() {
      Cast cast = (Cast) parseExpression("CAST(pay_time AS datetime)");
      assertThat(cast.type().text()).isEqualTo("DATETIME");
      assertThat(((Cast) parseExpression("cast(x as decimal(10, 2))")).type().text())
          .isEqualTo("DECIMAL(10,2)");
      assertThat(((Cast) parseExpression("cast(x as integer)")).type().text()).isEqualTo("INT");
      assertThat(((Cast) parseExpression("cast(x as varchar(20))")).type().parameters())
          .containsExactly(20);
      assertThat(((Cast) parseExpression("CAST(x AS BIGINT(20))")).type().text())
          .isEqualTo("BIGINT");
    }

    @Test
    void functionNamesAreCaseInsensitive() {
      FunctionCall call = (FunctionCall) parseExpression("FROM_UNIXTIME(pay_time, '%Y%m%d')");
      assertThat(call.name()).isEqualTo("from_unixtime");
      assertThat(call.arguments()).hasSize(2);
      assertThat(call.position()).isEqualTo(new Position(1, 0));
    }

    @Test
    void keywordNamedFunctions() {
      assertThat(((FunctionCall) parseExpression("if(a > 1, 'x', 'y')")).name()).isEqualTo("if");
      assertThat(((FunctionCall) parseExpression("date(ts)")).name()).isEqualTo("date");
      assertThat(((FunctionCall) parseExpression("replace(s, 'a', 'b')")).name())
          .isEqualTo("replace");
      assertThat(((FunctionCall) parseExpression("now()")).arguments()).isEmpty();
      assertThat(parseExpression("CURRENT_TIMESTAMP"))
          .isEqualTo(FunctionCall.of("current_timestamp", List.of(), new Position(1, 0)));
      assertThat(parseExpression("current_date()"))
          .isEqualTo(FunctionCall.of("current_date", List.of(), new Position(1, 0)));
    }

    @Test
    void aggregateCalls() {
      FunctionCall countStar = (FunctionCall) parseExpression("count(*)");
      assertThat(countStar.starArgument()).isTrue();
      assertThat(countStar.arguments()).isEmpty();
      FunctionCall countDistinct = (FunctionCall) parseExpression("COUNT(DISTINCT uid)");
      assertThat(countDistinct.distinct()).isTrue();
      assertThat(countDistinct.arguments())
          .containsExactly(ColumnRef.of("uid", new Position(1, 15)));
      assertThat(((FunctionCall) parseExpression("sum(price * 2)")).name()).isEqualTo("sum");
    }

    @Test
    void columnReferences() {
      assertThat(parseExpression("`order id`"))
          .isEqualTo(ColumnRef.of("order id", new Position(1, 0)));
      assertThat(parseExpression("t.price"))
          .isEqualTo(new ColumnRef(Optional.of("t"), "price", new Position(1, 0)));
      assertThat(parseExpression("`a``b`")).isEqualTo(ColumnRef.of("a`b", new Position(1, 0)));
      // Non-reserved keywords are ordinary names, as in StarRocks.
      assertThat(parseExpression("type + key + date + partition")).isInstanceOf(Arithmetic.class);
      assertThat(parseExpression("2024_orders"))
          .isEqualTo(ColumnRef.of("2024_orders", new Position(1, 0)));
    }

    @Test
    void parenthesesAreDropped() {
      assertThat(parseExpression("((a))")).isEqualTo(ColumnRef.of("a", new Position(1, 2)));
    }
  }

  @Nested
  class Positions {

    @Test
    void nodesKnowWhereTheyStart() {
      Logical and = (Logical) parseExpression("k1 > 100\n  AND k2 = upper(name)");
      assertThat(and.position()).isEqualTo(new Position(1, 0));
      Comparison second = (Comparison) and.terms().get(1);
      assertThat(second.position()).isEqualTo(new Position(2, 6));
      assertThat(second.right().position()).isEqualTo(new Position(2, 11));
      assertThat(((FunctionCall) second.right()).arguments().get(0).position())
          .isEqualTo(new Position(2, 17));
    }
  }

  @Nested
  class ColumnMappings {

    @Test
    void namesAndDerivedColumns() {
      List<ColumnMapping> mappings = SqlParser.parseColumnMappings("k1, k2, tmp, k3 = k1 + k2");
      assertThat(mappings).extracting(ColumnMapping::name).containsExactly("k1", "k2", "tmp", "k3");
      assertThat(mappings.get(3).expression().orElseThrow()).isInstanceOf(Arithmetic.class);
      assertThat(mappings.get(3).position()).isEqualTo(new Position(1, 13));
      assertThat(mappings.get(0).isDerived()).isFalse();
    }

    @Test
    void duplicateNamesAreRejected() {
      assertThatThrownBy(() -> SqlParser.parseColumnMappings("k1, K1"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 1:4: duplicate column 'K1' in COLUMNS");
    }

    @Test
    void errorsInMappings() {
      assertThatThrownBy(() -> SqlParser.parseColumnMappings("k1, k2 = "))
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 1:9: unexpected end of input, expecting expression");
      assertThatThrownBy(() -> SqlParser.parseColumnMappings(""))
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 1:0: unexpected end of input, expecting identifier");
    }
  }

  private static IntegerLiteral integer(long value, int line, int column) {
    return new IntegerLiteral(BigInteger.valueOf(value), new Position(line, column));
  }
}
