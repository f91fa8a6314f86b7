package dev.sluice.sql;

import static dev.sluice.sql.SqlParser.parseColumnMappings;
import static dev.sluice.sql.SqlParser.parseExpression;
import static dev.sluice.sql.SqlParser.parseStatement;
import static dev.sluice.sql.SqlParser.parseStatements;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import dev.sluice.sql.tree.Comparison;
import dev.sluice.sql.tree.CreateDatabase;
import dev.sluice.sql.tree.CreateRoutineLoad;
import dev.sluice.sql.tree.DescribeTable;
import dev.sluice.sql.tree.Expression;
import dev.sluice.sql.tree.Select;
import dev.sluice.sql.tree.StringLiteral;
import java.time.Duration;
import java.util.Collections;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Whatever comes in, the answer is a tree or a SqlParseException, quickly. */
class HostileInputTest {

  private static final int ONE_MEGABYTE = 1 << 20;
  private static final Duration QUICKLY = Duration.ofSeconds(10);

  @Nested
  class Unterminated {

    @Test
    void singleQuotedString() {
      assertThatThrownBy(() -> parseStatement("SELECT * FROM t WHERE name = 'abc"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 1:29: unterminated string: no closing ' found");
    }

    @Test
    void doubleQuotedStringAcrossLines() {
      assertThatThrownBy(
              () ->
                  parseStatement(
                      "CREATE ROUTINE LOAD j ON t\nFROM KAFKA (\n  \"kafka_topic\" = \"orders,\n)"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 3:18: unterminated string: no closing \" found");
    }

    @Test
    void stringEndingInABackslash() {
      assertThatThrownBy(() -> parseExpression("'abc\\"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 1:0: unterminated string: no closing ' found");
      assertThatThrownBy(() -> parseExpression("'abc\\'"))
          .as("the quote is escaped")
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 1:0: unterminated string: no closing ' found");
    }

    @Test
    void quotedIdentifierAndComment() {
      assertThatThrownBy(() -> parseStatement("DESC `orders"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 1:5: unterminated quoted identifier: no closing ` found");
      assertThatThrownBy(() -> parseStatement("SHOW DATABASES /* never closed **"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 1:15: unterminated comment: no closing */ found");
    }

    @Test
    void anEarlierSyntaxErrorWins() {
      assertThatThrownBy(() -> parseStatements("GRANT ALL TO { ROLE r }; SELECT 'x"))
          .isInstanceOf(SqlParseException.class)
          .hasMessageStartingWith("line 1:0: unknown statement 'GRANT'");
    }
  }

  @Nested
  class Garbage {

    @Test
    void oneMegabyteOfRandomCharacters() {
      Random random = new Random(42);
      StringBuilder garbage = new StringBuilder(ONE_MEGABYTE);
      while (garbage.length() < ONE_MEGABYTE) {
        garbage.append((char) random.nextInt(0x3000));
      }
      assertTimeout(
          QUICKLY,
          () ->
              assertThatThrownBy(() -> parseStatements(garbage.toString()))
                  .isInstanceOf(SqlParseException.class)
                  .hasMessageMatching("line \\d+:\\d+: .+"));
    }

    @Test
    void oneMegabyteOfRandomPrintableAscii() {
      Random random = new Random(7);
      StringBuilder garbage = new StringBuilder(ONE_MEGABYTE);
      while (garbage.length() < ONE_MEGABYTE) {
        garbage.append((char) (' ' + random.nextInt(95)));
      }
      for (String text : new String[] {garbage.toString(), "SELECT " + garbage}) {
        assertTimeout(
            QUICKLY,
            () ->
                assertThatThrownBy(() -> parseStatements(text))
                    .isInstanceOf(SqlParseException.class)
                    .hasMessageMatching("line \\d+:\\d+: .+"));
      }
      assertTimeout(
          QUICKLY,
          () ->
              assertThatThrownBy(() -> parseExpression(garbage.toString()))
                  .isInstanceOf(SqlParseException.class)
                  .hasMessageMatching("line \\d+:\\d+: .+"));
    }

    @Test
    void oneMegabyteOfWords() {
      String words = "lorem ipsum dolor sit amet ".repeat(ONE_MEGABYTE / 27);
      assertTimeout(
          QUICKLY,
          () ->
              assertThatThrownBy(() -> parseStatements(words))
                  .isInstanceOf(SqlParseException.class)
                  .hasMessageStartingWith("line 1:0: unknown statement 'lorem'"));
    }

    @Test
    void oneMegabyteOfValidTokensInTheWrongPlace() {
      String select = "SELECT " + "a, ".repeat(ONE_MEGABYTE / 3) + "b";
      assertTimeout(
          QUICKLY,
          () ->
              assertThatThrownBy(() -> parseStatement(select))
                  .isInstanceOf(SqlParseException.class)
                  .hasMessageMatching("line 1:\\d+: input too long \\(more than 100000 tokens\\)"));
    }

    @Test
    void aLongButValidStatementIsFine() {
      String select =
          "SELECT " + "a, ".repeat(20_000) + "b FROM t WHERE x IN (" + "1, ".repeat(20_000) + "2)";
      Select parsed = assertTimeout(QUICKLY, () -> (Select) parseStatement(select));
      assertThat(parsed.selectItems()).hasSize(20_001);
    }

    @Test
    void strayCharacters() {
      assertThatThrownBy(() -> parseStatement("SHOW DATABASES @"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 1:15: unexpected character '@'");
      assertThatThrownBy(() -> parseStatement("SHOW\u0000DATABASES"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 1:4: unexpected character U+0000");
      assertThatThrownBy(() -> parseStatements("@@@"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 1:0: unexpected character '@'");
      assertThatThrownBy(
              () ->
                  parseStatement("ALTER ROUTINE LOAD FOR j PROPERTIES (\u201Cformat\u201D = 'x')"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage(
              "line 1:37: unexpected character '\u201C' (a typographic quote: quote strings with ' or \")");
      assertThatThrownBy(() -> parseExpression("a \\ b"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 1:2: unexpected character '\\'");
    }

    @Test
    void aRangePartitionBodyCannotSmuggleBadTokens() {
      assertThatThrownBy(
              () ->
                  parseStatement("CREATE TABLE t (a INT) PARTITION BY RANGE(a) (@ weird ` stuff)"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 1:46: unexpected character '@'");
    }
  }

  @Nested
  class DeepNesting {

    @Test
    void fiveThousandParentheses() {
      String nested = "(".repeat(5_000) + "1" + ")".repeat(5_000);
      assertThatThrownBy(() -> parseExpression(nested))
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 1:128: expression nested too deeply (more than 128 levels)");
      assertThatThrownBy(() -> parseStatement("SELECT * FROM t WHERE " + nested))
          .isInstanceOf(SqlParseException.class)
          .hasMessageContaining("expression nested too deeply");
      assertThatThrownBy(() -> parseStatements(nested))
          .isInstanceOf(SqlParseException.class)
          .hasMessageContaining("expression nested too deeply");
      assertThatThrownBy(() -> parseColumnMappings("a = " + nested))
          .isInstanceOf(SqlParseException.class)
          .hasMessageContaining("expression nested too deeply");
    }

    @Test
    void nestingJustBelowTheLimitIsFine() {
      String nested = "(".repeat(120) + "1" + ")".repeat(120);
      assertThat(parseExpression(nested)).isNotNull();
      String functions = "f(".repeat(120) + "x" + ")".repeat(120);
      assertThat(ExpressionFormatter.format(parseExpression(functions))).startsWith("f(f(f(");
    }

    @Test
    void prefixOperatorsAndCases() {
      assertThatThrownBy(() -> parseExpression("NOT ".repeat(5_000) + "a"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 1:512: expression nested too deeply (more than 128 levels)");
      assertThatThrownBy(() -> parseExpression("- ".repeat(5_000) + "a"))
          .isInstanceOf(SqlParseException.class)
          .hasMessageContaining("expression nested too deeply");
      assertThatThrownBy(
              () -> parseExpression("CASE WHEN a THEN ".repeat(5_000) + "1" + " END".repeat(5_000)))
          .isInstanceOf(SqlParseException.class)
          .hasMessageContaining("expression nested too deeply");
    }

    @Test
    void longOperatorChainsAreLimitedByTreeDepth() {
      String chain = String.join(" + ", Collections.nCopies(5_000, "a"));
      assertThatThrownBy(() -> parseExpression(chain))
          .isInstanceOf(SqlParseException.class)
          .hasMessageMatching(
              "line 1:\\d+: expression nested too deeply \\(more than 256 levels\\)");
      String comparisons = String.join(" = ", Collections.nCopies(5_000, "a"));
      assertThatThrownBy(() -> parseExpression(comparisons))
          .isInstanceOf(SqlParseException.class)
          .hasMessageContaining("expression nested too deeply (more than 256 levels)");
    }

    @Test
    void chainsBelowTheLimitCanBeWalkedRecursively() {
      Expression sum = parseExpression(String.join(" + ", Collections.nCopies(250, "a")));
      String formatted = ExpressionFormatter.format(sum);
      assertThat(formatted).startsWith("`a` + `a`");
      assertThat(parseExpression(formatted).toString()).isNotEmpty();
    }
  }

  @Nested
  class InjectionLookingInput {

    @Test
    void quotedNamesAreJustNames() {
      CreateDatabase create =
          (CreateDatabase) parseStatement("CREATE DATABASE `x; DROP DATABASE y; --`");
      assertThat(create.name()).isEqualTo("x; DROP DATABASE y; --");
      DescribeTable describe =
          (DescribeTable) parseStatement("DESC `Robert'); DROP TABLE students;--`");
      assertThat(describe.table().name()).isEqualTo("Robert'); DROP TABLE students;--");
    }

    @Test
    void quotedValuesAreJustValues() {
      CreateRoutineLoad load =
          (CreateRoutineLoad)
              parseStatement(
                  "CREATE ROUTINE LOAD j ON t FROM KAFKA (\"kafka_topic\" = \"'; DROP TABLE users; --\","
                      + " \"x\" = \"\\\"); SHOW DATABASES; --\")");
      assertThat(load.dataSourceProperties().get("kafka_topic"))
          .contains("'; DROP TABLE users; --");
      assertThat(load.dataSourceProperties().get("x")).contains("\"); SHOW DATABASES; --");
    }

    @Test
    void aClassicTautologyStaysInsideItsString() {
      Select select = (Select) parseStatement("SELECT * FROM t WHERE name = '1'' OR ''1''=''1'");
      Comparison where = (Comparison) select.where().orElseThrow();
      assertThat(where.right()).isInstanceOf(StringLiteral.class);
      assertThat(((StringLiteral) where.right()).value()).isEqualTo("1' OR '1'='1");
    }

    @Test
    void aSecondStatementIsNeverHiddenInOne() {
      assertThatThrownBy(() -> parseStatement("SHOW TABLES; DROP DATABASE prod"))
          .isInstanceOf(SqlParseException.class)
          .hasMessage("line 1:13: expected a single statement, but another one starts here");
    }
  }
}
