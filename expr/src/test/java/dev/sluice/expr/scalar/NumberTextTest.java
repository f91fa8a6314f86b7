package dev.sluice.expr.scalar;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NumberTextTest {

  private final NumberText numbers = new NumberText();

  private boolean parseLong(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return numbers.parseLong(bytes, 0, bytes.length);
  }

  private Double parseDouble(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return numbers.parseDouble(bytes, 0, bytes.length) ? numbers.doubleValue() : null;
  }

  private BigDecimal parseDecimal(String text, int scale) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (!numbers.parseDecimal(bytes, 0, bytes.length, scale)) {
      return null;
    }
    BigInteger unscaled =
        numbers.bigUnscaled() != null
            ? numbers.bigUnscaled()
            : BigInteger.valueOf(numbers.unscaled());
    return new BigDecimal(unscaled, scale);
  }

  @Test
  void longs() {
    assertThat(parseLong(" -9223372036854775808 ")).isTrue();
    assertThat(numbers.longValue()).isEqualTo(Long.MIN_VALUE);
    assertThat(parseLong("+9223372036854775807")).isTrue();
    assertThat(numbers.longValue()).isEqualTo(Long.MAX_VALUE);
    assertThat(parseLong("9223372036854775808")).isFalse();
    assertThat(parseLong("1.0")).isFalse();
    assertThat(parseLong("1e3")).isFalse();
    assertThat(parseLong("-")).isFalse();
    assertThat(parseLong("")).isFalse();
  }

  @Test
  void doublesAreCorrectlyRounded() {
    for (String text :
        new String[] {
          "0.1",
          "1.5",
          "-2.25e-3",
          "123456789012345678",
          "1.7976931348623157e308",
          ".5",
          "5.",
          "4.9e-324",
          "0.30000000000000004"
        }) {
      assertThat(parseDouble(text)).as(text).isEqualTo(Double.parseDouble(text));
    }
    assertThat(parseDouble("1e309")).isNull();
    assertThat(parseDouble("NaN")).isNull();
    assertThat(parseDouble("1e")).isNull();
    assertThat(parseDouble(".")).isNull();
    assertThat(parseDouble("0x10")).isNull();
  }

  @Test
  void decimalsRoundHalfAwayFromZero() {
    assertThat(parseDecimal("1.005", 2)).isEqualTo(new BigDecimal("1.01"));
    assertThat(parseDecimal("-1.005", 2)).isEqualTo(new BigDecimal("-1.01"));
    assertThat(parseDecimal("1.004", 2)).isEqualTo(new BigDecimal("1.00"));
    assertThat(parseDecimal("12e-1", 2)).isEqualTo(new BigDecimal("1.20"));
    assertThat(parseDecimal("0.000", 0)).isEqualTo(new BigDecimal("0"));
    assertThat(parseDecimal("12345678901234567890123.5", 1))
        .isEqualTo(new BigDecimal("12345678901234567890123.5"));
    assertThat(parseDecimal("abc", 2)).isNull();
  }
}
