package dev.sluice.storage.tablet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StringBoundsTest {

  private static final String MAX = new String(Character.toChars(Character.MAX_CODE_POINT));
  // U+1F600, two chars in Java: a bound must never split it.
  private static final String SMILE = new String(Character.toChars(0x1F600));

  @Test
  void shortValuesAreTheirOwnBounds() {
    assertThat(StringBounds.lower("abc", 3)).isEqualTo("abc");
    assertThat(StringBounds.upper("abc", 3)).contains("abc");
    assertThat(StringBounds.lower("", 3)).isEmpty();
    assertThat(StringBounds.upper("", 3)).contains("");
    // Three code points in six chars is still short.
    assertThat(StringBounds.upper(SMILE + SMILE + SMILE, 3)).contains(SMILE + SMILE + SMILE);
    assertThat(StringBounds.upper(MAX + MAX, 2)).contains(MAX + MAX);
  }

  @Test
  void longValuesKeepAPrefixAndAnIncrementedPrefix() {
    assertThat(StringBounds.lower("abcdef", 3)).isEqualTo("abc");
    assertThat(StringBounds.upper("abcdef", 3)).contains("abd");
    assertThat(StringBounds.upper("ab\u00ffz", 3)).contains("ab\u0100");
  }

  @Test
  void codePointsOutsideTheBasicPlaneAreNeverSplit() {
    String value = "a" + SMILE + SMILE + "b";
    assertThat(StringBounds.lower(value, 2)).isEqualTo("a" + SMILE);
    assertThat(StringBounds.upper(value, 2)).contains("a" + new String(Character.toChars(0x1F601)));
    // U+FFFF, the largest char, increments into the supplementary planes.
    assertThat(StringBounds.upper("a\uffffzz", 2))
        .contains("a" + new String(Character.toChars(0x10000)));
  }

  @Test
  void theCodePointBeforeTheSurrogatesIncrementsPastThem() {
    assertThat(StringBounds.upper("a\ud7ffzz", 2)).contains("a\ue000");
  }

  @Test
  void maximalCodePointsAreDroppedFromTheUpperBound() {
    assertThat(StringBounds.upper("a" + MAX + MAX + "z", 3)).contains("b");
    assertThat(StringBounds.upper("ab" + MAX + "z", 3)).contains("ac");
  }

  @Test
  void aPrefixOfMaximalCodePointsHasNoUpperBound() {
    assertThat(StringBounds.upper(MAX + MAX + MAX, 2)).isEmpty();
    assertThat(StringBounds.lower(MAX + MAX + MAX, 2)).isEqualTo(MAX + MAX);
  }

  @Test
  void boundsEncloseTheValueInUtf8ByteOrder() {
    String[] values = {
      "abcdefghijklmnopqrstuvwxyz",
      "z".repeat(40),
      SMILE.repeat(20),
      "\ud7ff".repeat(20),
      "\uffff".repeat(20),
      "x" + MAX.repeat(30),
      "\u00e9t\u00e9".repeat(10)
    };
    for (String value : values) {
      String lower = StringBounds.lower(value, 16);
      assertThat(lower.codePointCount(0, lower.length())).isEqualTo(16);
      assertThat(compareUtf8(lower, value)).as("lower of " + value).isLessThanOrEqualTo(0);
      String upper = StringBounds.upper(value, 16).orElseThrow();
      assertThat(upper.codePointCount(0, upper.length())).isLessThanOrEqualTo(16);
      assertThat(compareUtf8(upper, value)).as("upper of " + value).isPositive();
      // Valid UTF-16, so valid UTF-8: no lone surrogate.
      assertThat(new String(upper.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
          .isEqualTo(upper);
    }
  }

  @Test
  void aLengthBelowOneIsRefused() {
    assertThatThrownBy(() -> StringBounds.lower("abc", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("length must be at least 1: 0");
    assertThatThrownBy(() -> StringBounds.upper("abc", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("length must be at least 1: -1");
  }

  private static int compareUtf8(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
