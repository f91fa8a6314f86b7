package dev.sluice.expr;

import static dev.sluice.expr.ExpressionHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ArithmeticTest {

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }

  @Test
  void integerOperatorsComputeInBigint() {
    ExpressionHarness numbers = rows().with("i", 7L, -7L, null).with("j", 2L, 2L, 2L);
    assertThat(numbers.eval("i + j")).containsExactly(9L, -5L, null);
    assertThat(numbers.eval("i - j")).containsExactly(5L, -9L, null);
    assertThat(numbers.eval("i * j")).containsExactly(14L, -14L, null);
    // The sign of % follows the dividend, as in MySQL.
    assertThat(numbers.eval("i % j")).containsExactly(1L, -1L, null);
    assertThat(numbers.eval("-i")).containsExactly(-7L, 7L, null);
    assertThat(rows().with("t", 100L).with("n", 100000L).eval("t * n")).containsExactly(10000000L);
  }

  @Test
  void integerDivisionIsDouble() {
    ExpressionHarness numbers = rows().with("i", 7L, 1L).with("j", 2L, 3L);
    assertThat(numbers.run("i / j").type).isEqualTo("DOUBLE");
    assertThat(numbers.eval("i / j")).containsExactly(3.5, 1.0 / 3);
  }

  @Test
  void divisionAndModulusByZeroAreNull() {
    ExpressionHarness numbers =
        rows().with("i", 7L).with("j", 0L).with("d", 0.0).with("dec", dec("0.00"));
    assertThat(numbers.eval("i / j")).containsExactly((Object) null);
    assertThat(numbers.eval("i % j")).containsExactly((Object) null);
    assertThat(numbers.eval("i / d")).containsExactly((Object) null);
    assertThat(numbers.eval("i % d")).containsExactly((Object) null);
    assertThat(numbers.eval("i / dec")).containsExactly((Object) null);
    assertThat(numbers.eval("i % dec")).containsExactly((Object) null);
    assertThat(numbers.run("i / j").failures).containsOnlyNulls();
  }

  /**
   * BIGINT overflow is never silent: strict mode rejects the row, non-strict makes it NULL
   * (StarRocks would widen to LARGEINT; see {@code Operators}).
   */
  @Test
  void bigintOverflowFailsInStrictModeAndIsNullOtherwise() {
    ExpressionHarness edge =
        rows().with("i", Long.MAX_VALUE, Long.MIN_VALUE, 5L).with("j", 1L, 1L, 1L);
    ExpressionHarness.Outcome strict = edge.run("i + j");
    assertThat(strict.values).containsExactly(null, Long.MIN_VALUE + 1, 6L);
    assertThat(strict.failures).containsExactly("BIGINT overflow in `i` + `j`", null, null);
    assertThat(edge.strict(false).run("i + j").failures).containsOnlyNulls();
    assertThat(edge.strict(false).eval("i + j")).containsExactly(null, Long.MIN_VALUE + 1, 6L);
    assertThat(edge.strict(true).run("i - j").failures)
        .containsExactly(null, "BIGINT overflow in `i` - `j`", null);
    assertThat(edge.run("i * 2").values).containsExactly(null, null, 10L);
    assertThat(edge.run("-i").values).containsExactly(-Long.MAX_VALUE, null, -5L);
    assertThat(edge.run("abs(i)").failures)
        .containsExactly(null, "BIGINT overflow in abs(`i`)", null);
    // In DOUBLE the same sum is fine.
    assertThat(edge.eval("i + 1.0e0"))
        .containsExactly(9.223372036854776E18, -9.223372036854776E18, 6.0);
  }

  /** Decimal result types: see the scale rules on {@code Operators}. */
  @Test
  void decimalScaleRules() {
    ExpressionHarness numbers =
        rows().with("dec", dec("12.34")).with("dec2", dec("0.0005")).with("i", 3L);
    assertThat(numbers.run("dec + dec2").type).isEqualTo("DECIMAL(13,4)");
    assertThat(numbers.eval("dec + dec2")).containsExactly(dec("12.3405"));
    assertThat(numbers.run("dec - dec2").type).isEqualTo("DECIMAL(13,4)");
    assertThat(numbers.eval("dec - dec2")).containsExactly(dec("12.3395"));
    assertThat(numbers.run("dec * dec2").type).isEqualTo("DECIMAL(22,6)");
    assertThat(numbers.eval("dec * dec2")).containsExactly(dec("0.006170"));
    assertThat(numbers.run("dec / dec2").type).isEqualTo("DECIMAL(38,8)");
    assertThat(numbers.eval("dec / dec2")).containsExactly(dec("24680.00000000"));
    assertThat(numbers.run("dec % dec2").type).isEqualTo("DECIMAL(12,4)");
    assertThat(numbers.eval("dec % i")).containsExactly(dec("0.34"));
    // A BIGINT column counts as DECIMAL(19,0); a literal with just its digits.
    assertThat(numbers.run("dec * i").type).isEqualTo("DECIMAL(29,2)");
    assertThat(numbers.run("dec * 3").type).isEqualTo("DECIMAL(11,2)");
    assertThat(numbers.eval("dec * 3")).containsExactly(dec("37.02"));
    assertThat(numbers.eval("dec / 3")).containsExactly(dec("4.11333333"));
    assertThat(numbers.eval("-dec")).containsExactly(dec("-12.34"));
    // With a DOUBLE anywhere, DOUBLE.
    assertThat(numbers.run("dec + 1.5e0").type).isEqualTo("DOUBLE");
  }

  @Test
  void decimalDivisionRoundsHalfAwayFromZero() {
    ExpressionHarness numbers =
        rows().with("dec", dec("2.00"), dec("-2.00")).with("dec2", dec("3.0000"), dec("3.0000"));
    // 2 / 3 at scale 8.
    assertThat(numbers.eval("dec / dec2")).containsExactly(dec("0.66666667"), dec("-0.66666667"));
  }

  @Test
  void wideDecimalsUseExactBigIntegerArithmetic() {
    ExpressionHarness numbers =
        rows().with("big", dec("99999999999999999999999999999999999"), dec("-5")).with("i", 2L, 2L);
    assertThat(numbers.eval("big * i"))
        .containsExactly(dec("199999999999999999999999999999999998"), dec("-10"));
    assertThat(numbers.eval("big + big"))
        .containsExactly(dec("199999999999999999999999999999999998"), dec("-10"));
    assertThat(numbers.eval("big = 99999999999999999999999999999999999"))
        .containsExactly(true, false);
  }

  @Test
  void decimalOverflowBeyondPrecision() {
    ExpressionHarness numbers = rows().with("big", dec("99999999999999999999999999999999999999"));
    ExpressionHarness.Outcome outcome = numbers.run("big * 10");
    assertThat(outcome.values).containsExactly((Object) null);
    assertThat(outcome.failures).containsExactly("DECIMAL(38,0) overflow in `big` * 10");
  }

  @Test
  void stringsAndBooleansInArithmetic() {
    assertThat(rows().with("s", "1.5", "x").strict(false).eval("s + 1")).containsExactly(2.5, null);
    assertThat(rows().with("b", true, false).eval("b + 1")).containsExactly(2L, 1L);
  }

  @Test
  void doubleArithmetic() {
    ExpressionHarness numbers = rows().with("d", 1.5, null).with("f", 2.0f, 2.0f);
    assertThat(numbers.eval("d * f")).containsExactly(3.0, null);
    assertThat(numbers.eval("d % 1")).containsExactly(0.5, null);
    ExpressionHarness.Outcome huge = rows().with("d", 1e308).run("d * 10");
    assertThat(huge.values).containsExactly((Object) null);
    assertThat(huge.failures).containsExactly("DOUBLE overflow in `d` * 10");
  }

  @Test
  void roundFloorCeilAbs() {
    ExpressionHarness numbers = rows().with("d", 2.5, -2.5, 1.005, null);
    assertThat(numbers.eval("round(d)")).containsExactly(3.0, -3.0, 1.0, null);
    assertThat(numbers.eval("round(d, 2)")).containsExactly(2.5, -2.5, 1.01, null);
    assertThat(numbers.eval("floor(d)")).containsExactly(2L, -3L, 1L, null);
    assertThat(numbers.eval("ceil(d)")).containsExactly(3L, -2L, 2L, null);
    assertThat(numbers.eval("ceiling(d)")).containsExactly(3L, -2L, 2L, null);
    assertThat(numbers.eval("abs(d)")).containsExactly(2.5, 2.5, 1.005, null);
    assertThat(rows().with("d", 1234.5).eval("round(d, -2)")).containsExactly(1200.0);
    ExpressionHarness decimals = rows().with("dec", dec("2.45"), dec("-2.45"), dec("-2.40"));
    assertThat(decimals.run("round(dec, 1)").type).isEqualTo("DECIMAL(10,1)");
    assertThat(decimals.eval("round(dec, 1)"))
        .containsExactly(dec("2.5"), dec("-2.5"), dec("-2.4"));
    assertThat(decimals.eval("round(dec)")).containsExactly(dec("2"), dec("-2"), dec("-2"));
    assertThat(decimals.eval("round(dec, 5)"))
        .containsExactly(dec("2.45"), dec("-2.45"), dec("-2.40"));
    assertThat(decimals.eval("floor(dec)")).containsExactly(dec("2"), dec("-3"), dec("-3"));
    assertThat(decimals.eval("ceil(dec)")).containsExactly(dec("3"), dec("-2"), dec("-2"));
    assertThat(decimals.eval("abs(dec)")).containsExactly(dec("2.45"), dec("2.45"), dec("2.40"));
    assertThat(rows().with("dec", dec("1250.00")).eval("round(dec, -2)"))
        .containsExactly(dec("1300"));
    assertThat(rows().with("i", 1250L).eval("round(i, -2)")).containsExactly(dec("1300"));
    assertThat(rows().with("i", 1250L).eval("round(i)")).containsExactly(1250L);
    assertThat(rows().with("i", 1250L).eval("floor(i)")).containsExactly(1250L);
  }
}
