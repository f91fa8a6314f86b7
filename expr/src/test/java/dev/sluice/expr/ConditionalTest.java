package dev.sluice.expr;

import static dev.sluice.expr.ExpressionHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ConditionalTest {

  private static final ExpressionHarness NUMBERS = rows().with("i", 1L, 2L, 3L, null);

  @Test
  void searchedCaseTakesTheFirstTrueBranch() {
    assertThat(NUMBERS.eval("case when i < 2 then 'low' when i < 3 then 'mid' else 'high' end"))
        .containsExactly("low", "mid", "high", "high");
  }

  @Test
  void caseWithoutElseIsNull() {
    assertThat(NUMBERS.eval("case when i = 1 then 'one' end"))
        .containsExactly("one", null, null, null);
  }

  @Test
  void simpleCaseComparesTheOperand() {
    assertThat(NUMBERS.eval("case i when 1 then 'a' when 2 then 'b' end"))
        .containsExactly("a", "b", null, null);
    assertThat(NUMBERS.eval("case i when NULL then 'null' else 'other' end"))
        .containsExactly("other", "other", "other", "other");
  }

  @Test
  void caseTakesTheCommonType() {
    // BIGINT and DECIMAL(2,1): a BIGINT counts as DECIMAL(19,0).
    assertThat(NUMBERS.run("case when i = 1 then 1 else 2.5 end").type).isEqualTo("DECIMAL(20,1)");
    assertThat(NUMBERS.eval("case when i = 1 then 1 else 2.5 end"))
        .containsExactly(
            new BigDecimal("1.0"),
            new BigDecimal("2.5"),
            new BigDecimal("2.5"),
            new BigDecimal("2.5"));
    assertThat(NUMBERS.run("case when i = 1 then 1 else 'x' end").type)
        .isEqualTo("VARCHAR(1048576)");
    assertThat(NUMBERS.eval("case when i = 1 then 1 else 'x' end"))
        .containsExactly("1", "x", "x", "x");
    assertThat(NUMBERS.eval("case when i = 1 then NULL else i end"))
        .containsExactly(null, 2L, 3L, null);
  }

  @Test
  void ifIfnullNullifCoalesce() {
    assertThat(NUMBERS.eval("if(i > 1, 'big', 'small')"))
        .containsExactly("small", "big", "big", "small");
    assertThat(NUMBERS.eval("ifnull(i, 0)")).containsExactly(1L, 2L, 3L, 0L);
    assertThat(NUMBERS.eval("nullif(i, 2)")).containsExactly(1L, null, 3L, null);
    assertThat(
            rows()
                .with("s", null, "b", null)
                .with("s2", null, "x", "y")
                .eval("coalesce(s, s2, 'z')"))
        .containsExactly("z", "b", "y");
    assertThat(NUMBERS.eval("coalesce(NULL, NULL)")).containsExactly(null, null, null, null);
    assertThat(NUMBERS.eval("coalesce(i)")).containsExactly(1L, 2L, 3L, null);
    assertThat(rows().with("s", "a", null).eval("coalesce(s, 1)")).containsExactly("a", "1");
  }

  @Test
  void branchesWorkForEveryVectorType() {
    ExpressionHarness mixed =
        rows()
            .with("b", true, false)
            .with("dec", new BigDecimal("1.50"), new BigDecimal("2.25"))
            .with("dt", java.time.LocalDate.of(2024, 1, 1), java.time.LocalDate.of(2024, 1, 2))
            .with("b2", false, true)
            .with("d", 1.0, 2.0);
    assertThat(mixed.eval("if(b, b2, b)")).containsExactly(false, false);
    assertThat(mixed.eval("if(b, dec, NULL)")).containsExactly(new BigDecimal("1.50"), null);
    assertThat(mixed.eval("if(b, dt, NULL)"))
        .containsExactly(java.time.LocalDate.of(2024, 1, 1), null);
    assertThat(mixed.eval("if(b, d, 0)")).containsExactly(1.0, 0.0);
  }
}
