package dev.sluice.expr.scalar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LikePatternTest {

  private static boolean like(String text, String pattern) {
    byte[] p = pattern.getBytes(StandardCharsets.UTF_8);
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    return LikePattern.compile(p, 0, p.length).matches(t, 0, t.length);
  }

  /** A regular expression with the meaning of a LIKE pattern without escapes. */
  private static boolean reference(String text, String pattern) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(text).matches();
  }

  @Test
  void agreesWithARegularExpressionOnRandomInput() {
    Random random = new Random(42);
    String alphabet = "ab%_é";
    for (int i = 0; i < 20_000; i++) {
      String pattern = randomText(random, alphabet, 6);
      String text = randomText(random, "abé", 8);
      assertThat(like(text, pattern))
          .as("'%s' like '%s'", text, pattern)
          .isEqualTo(reference(text, pattern));
    }
  }

  private static String randomText(Random random, String alphabet, int maxLength) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(maxLength + 1);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  @Test
  void escapes() {
    assertThat(like("100%", "100\\%")).isTrue();
    assertThat(like("1000", "100\\%")).isFalse();
    assertThat(like("a\\b", "a\\\\b")).isTrue();
    assertThat(like("ab", "a\\")).isFalse();
    assertThat(like("a\\", "a\\")).isTrue();
  }
}
