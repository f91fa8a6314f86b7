package dev.sluice.expr;

import static dev.sluice.expr.ExpressionHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SQL's three-valued logic; T, F and N (NULL) in every combination. */
class LogicTest {

  // Rows: every pair of (T, F, N) x (T, F, N).
  private static final ExpressionHarness PAIRS =
      rows()
          .with("b", true, true, true, false, false, false, null, null, null)
          .with("b2", true, false, null, true, false, null, true, false, null);

  @Test
  void andTruthTable() {
    assertThat(PAIRS.eval("b and b2"))
        .containsExactly(true, false, null, false, false, false, null, false, null);
  }

  @Test
  void orTruthTable() {
    assertThat(PAIRS.eval("b or b2"))
        .containsExactly(true, true, true, true, false, null, true, null, null);
  }

  @Test
  void notTruthTable() {
    assertThat(rows().with("b", true, false, null).eval("not b"))
        .containsExactly(false, true, null);
  }

  @Test
  void longChainsFollowTheSameRules() {
    assertThat(PAIRS.eval("b and b2 and true"))
        .containsExactly(true, false, null, false, false, false, null, false, null);
    assertThat(PAIRS.eval("b or b2 or false"))
        .containsExactly(true, true, true, true, false, null, true, null, null);
    assertThat(PAIRS.eval("b and NULL"))
        .containsExactly(null, null, null, false, false, false, null, null, null);
  }

  @Test
  void comparisonsWithNullAreNull() {
    ExpressionHarness numbers = rows().with("i", 1L, 2L, null).with("j", 1L, null, null);
    assertThat(numbers.eval("i = j")).containsExactly(true, null, null);
    assertThat(numbers.eval("i != j")).containsExactly(false, null, null);
    assertThat(numbers.eval("i <> j")).containsExactly(false, null, null);
    assertThat(numbers.eval("i < NULL")).containsExactly(null, null, null);
    assertThat(numbers.eval("i <=> j")).containsExactly(true, false, true);
    assertThat(numbers.eval("i <=> NULL")).containsExactly(false, false, true);
    assertThat(numbers.eval("NULL <=> NULL")).containsExactly(true, true, true);
  }

  @Test
  void everyComparisonOperator() {
    ExpressionHarness numbers = rows().with("i", 1L, 2L, 3L).with("j", 2L, 2L, 2L);
    assertThat(numbers.eval("i < j")).containsExactly(true, false, false);
    assertThat(numbers.eval("i <= j")).containsExactly(true, true, false);
    assertThat(numbers.eval("i > j")).containsExactly(false, false, true);
    assertThat(numbers.eval("i >= j")).containsExactly(false, true, true);
    assertThat(numbers.eval("i = j")).containsExactly(false, true, false);
    assertThat(numbers.eval("i != j")).containsExactly(true, false, true);
  }

  @Test
  void comparisonsAcrossTypes() {
    assertThat(rows().with("i", 2L).with("d", 2.0).eval("i = d")).containsExactly(true);
    assertThat(rows().with("dec", new java.math.BigDecimal("2.50")).eval("dec > 2"))
        .containsExactly(true);
    assertThat(rows().with("dec", new java.math.BigDecimal("2.50")).eval("dec = 2.5"))
        .containsExactly(true);
    assertThat(rows().with("n", 7L).eval("n = '7'")).containsExactly(true);
    assertThat(rows().with("n", 7L).eval("n < '7.5'")).containsExactly(true);
    assertThat(rows().with("s", "10", "9").eval("s > 9")).containsExactly(true, false);
    assertThat(rows().with("s", "10", "9").eval("s > '9'")).containsExactly(false, false);
    assertThat(rows().with("b", true).eval("b = 1")).containsExactly(true);
    assertThat(rows().with("d", -0.0).eval("d = 0")).containsExactly(true);
    assertThat(
            rows()
                .with("s", "abc", "abd", "ab", "é")
                .with("s2", "abd", "abd", "abd", "abd")
                .eval("s < s2"))
        .containsExactly(true, false, true, false);
  }

  @Test
  void inWithConstantsAndNulls() {
    ExpressionHarness numbers = rows().with("i", 1L, 2L, 5L, null);
    assertThat(numbers.eval("i in (1, 2, 3)")).containsExactly(true, true, false, null);
    assertThat(numbers.eval("i not in (1, 2, 3)")).containsExactly(false, false, true, null);
    // No match and a NULL in the list: unknown.
    assertThat(numbers.eval("i in (1, NULL)")).containsExactly(true, null, null, null);
    assertThat(numbers.eval("i not in (1, NULL)")).containsExactly(false, null, null, null);
    assertThat(rows().with("s", "b", "z").eval("s in ('a', 'b', 'c')"))
        .containsExactly(true, false);
    assertThat(rows().with("d", 1.5, 2.0).eval("d in (1.5, 3)")).containsExactly(true, false);
    assertThat(
            rows()
                .with("dt", java.time.LocalDate.of(2024, 1, 2))
                .eval("dt in ('2024-01-02', '2024-01-03')"))
        .containsExactly(true);
  }

  @Test
  void inWithColumnsOrDecimalsComparesOneByOne() {
    ExpressionHarness numbers = rows().with("i", 1L, 2L, 3L).with("j", 3L, 3L, null);
    assertThat(numbers.eval("i in (j, 2)")).containsExactly(false, true, null);
    assertThat(rows().with("dec", new java.math.BigDecimal("1.10")).eval("dec in (1.1, 2)"))
        .containsExactly(true);
  }

  @Test
  void betweenIsInclusive() {
    ExpressionHarness numbers = rows().with("i", 0L, 1L, 5L, 10L, 11L, null);
    assertThat(numbers.eval("i between 1 and 10"))
        .containsExactly(false, true, true, true, false, null);
    assertThat(numbers.eval("i not between 1 and 10"))
        .containsExactly(true, false, false, false, true, null);
    // An unknown bound leaves the result unknown unless the other bound already fails.
    assertThat(numbers.eval("i between NULL and 4"))
        .containsExactly(null, null, false, false, false, null);
  }

  @Test
  void isNullAndIsNotNull() {
    ExpressionHarness values = rows().with("s", "a", null).with("i", null, 1L);
    assertThat(values.eval("s is null")).containsExactly(false, true);
    assertThat(values.eval("s is not null")).containsExactly(true, false);
    assertThat(values.eval("i + 1 is null")).containsExactly(true, false);
  }
}
