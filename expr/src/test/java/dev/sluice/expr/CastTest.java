package dev.sluice.expr;

import static dev.sluice.expr.ExpressionHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class CastTest {

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }

  @Test
  void stringsToEveryType() {
    ExpressionHarness text = rows().with("s", " 42 ", "-7", "x", null).strict(false);
    assertThat(text.eval("cast(s as bigint)")).containsExactly(42L, -7L, null, null);
    assertThat(text.eval("cast(s as int)")).containsExactly(42L, -7L, null, null);
    assertThat(text.eval("cast(s as double)")).containsExactly(42.0, -7.0, null, null);
    assertThat(text.eval("cast(s as decimal(5,1))"))
        .containsExactly(dec("42.0"), dec("-7.0"), null, null);
    assertThat(rows().with("s", "1.25", "1e2", ".5").eval("cast(s as decimal(6,1))"))
        .containsExactly(dec("1.3"), dec("100.0"), dec("0.5"));
    assertThat(
            rows()
                .with("s", "true", "FALSE", "1", "0", "yes")
                .strict(false)
                .eval("cast(s as boolean)"))
        .containsExactly(true, false, true, false, null);
    assertThat(
            rows()
                .with("s", "2024-01-05", "20240105", "2024/1/5 10:11:12", "2024-02-30")
                .strict(false)
                .eval("cast(s as date)"))
        .containsExactly(
            LocalDate.of(2024, 1, 5), LocalDate.of(2024, 1, 5), LocalDate.of(2024, 1, 5), null);
    assertThat(
            rows()
                .with("s", "2024-01-05 10:11:12.5", "2024-01-05T10:11:12", "2024-01-05")
                .eval("cast(s as datetime)"))
        .containsExactly(
            LocalDateTime.of(2024, 1, 5, 10, 11, 12, 500_000_000),
            LocalDateTime.of(2024, 1, 5, 10, 11, 12),
            LocalDateTime.of(2024, 1, 5, 0, 0));
  }

  @Test
  void everyTypeToString() {
    assertThat(rows().with("i", -12L).eval("cast(i as varchar)")).containsExactly("-12");
    assertThat(rows().with("d", 1.5, 3.0, 1e20, 1.0e-7, 0.1 + 0.2).eval("cast(d as string)"))
        .containsExactly("1.5", "3", "1e20", "1e-7", "0.30000000000000004");
    assertThat(rows().with("dec", dec("-0.50")).eval("cast(dec as char)")).containsExactly("-0.50");
    assertThat(rows().with("b", true, false).eval("cast(b as varchar(1))"))
        .containsExactly("1", "0");
    assertThat(rows().with("dt", LocalDate.of(7, 3, 4)).eval("cast(dt as varchar)"))
        .containsExactly("0007-03-04");
    assertThat(
            rows()
                .with(
                    "ts",
                    LocalDateTime.of(2024, 1, 5, 1, 2, 3),
                    LocalDateTime.of(2024, 1, 5, 1, 2, 3, 4000))
                .eval("cast(ts as varchar)"))
        .containsExactly("2024-01-05 01:02:03", "2024-01-05 01:02:03.000004");
    assertThat(
            rows().with("big", dec("-99999999999999999999999999999999999999")).eval("concat(big)"))
        .containsExactly("-99999999999999999999999999999999999999");
  }

  @Test
  void numericCasts() {
    ExpressionHarness numbers = rows().with("d", 2.7, -2.7, 1e30).strict(false);
    // To integers truncates toward zero; out of range is NULL (non-strict) or an error.
    assertThat(numbers.eval("cast(d as bigint)")).containsExactly(2L, -2L, null);
    assertThat(numbers.strict(true).run("cast(d as bigint)").failures)
        .containsExactly(null, null, "value 1.0E30 is out of range for BIGINT");
    assertThat(rows().with("i", 300L, -128L).strict(false).eval("cast(i as tinyint)"))
        .containsExactly(null, -128L);
    assertThat(rows().with("i", 300L).run("cast(i as tinyint)").failures)
        .containsExactly("value 300 is out of range for TINYINT");
    assertThat(rows().with("i", 5L, 0L).eval("cast(i as boolean)")).containsExactly(true, false);
    assertThat(rows().with("dec", dec("-9.99")).eval("cast(dec as bigint)")).containsExactly(-9L);
    assertThat(rows().with("dec", dec("-9.95")).eval("cast(dec as decimal(3,1))"))
        .containsExactly(dec("-10.0"));
    assertThat(rows().with("dec", dec("99.99")).strict(false).eval("cast(dec as decimal(3,1))"))
        .containsExactly((Object) null);
    assertThat(rows().with("d", 1.005, 2.5).eval("cast(d as decimal(10,2))"))
        .containsExactly(dec("1.01"), dec("2.50"));
    assertThat(rows().with("i", 12L).eval("cast(i as decimal(4,2))")).containsExactly(dec("12.00"));
    assertThat(rows().with("i", 123L).strict(false).eval("cast(i as decimal(4,2))"))
        .containsExactly((Object) null);
    assertThat(rows().with("f", 1.5f).eval("cast(f as double)")).containsExactly(1.5);
    assertThat(rows().with("d", 1e300).strict(false).eval("cast(d as float)"))
        .containsExactly((Object) null);
    assertThat(rows().with("i", 7L).eval("cast(i as largeint)")).containsExactly(dec("7"));
    assertThat(rows().with("b", true).eval("cast(b as double)")).containsExactly(1.0);
  }

  @Test
  void datesAndNumbers() {
    assertThat(
            rows()
                .with("i", 20240105L, 20240105103000L, 20241301L)
                .strict(false)
                .eval("cast(i as datetime)"))
        .containsExactly(
            LocalDateTime.of(2024, 1, 5, 0, 0), LocalDateTime.of(2024, 1, 5, 10, 30), null);
    assertThat(rows().with("dt", LocalDate.of(2024, 1, 5)).eval("cast(dt as bigint)"))
        .containsExactly(20240105L);
    assertThat(
            rows().with("ts", LocalDateTime.of(2024, 1, 5, 10, 30, 1)).eval("cast(ts as bigint)"))
        .containsExactly(20240105103001L);
    assertThat(rows().with("ts", LocalDateTime.of(2024, 1, 5, 10, 30, 1)).eval("cast(ts as date)"))
        .containsExactly(LocalDate.of(2024, 1, 5));
    assertThat(rows().with("dt", LocalDate.of(2024, 1, 5)).eval("cast(dt as datetime)"))
        .containsExactly(LocalDateTime.of(2024, 1, 5, 0, 0));
  }

  @Test
  void literalsAreConvertedWhenAnalyzed() {
    assertThat(rows().with("i", 1L).eval("cast('2024-01-05' as date)"))
        .containsExactly(LocalDate.of(2024, 1, 5));
    assertThat(rows().with("i", 1L).eval("cast(-5 as varchar)")).containsExactly("-5");
    assertThat(rows().with("i", 1L).eval("cast(1.5 as bigint)")).containsExactly(1L);
  }
}
