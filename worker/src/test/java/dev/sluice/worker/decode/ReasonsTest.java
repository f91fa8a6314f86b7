package dev.sluice.worker.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReasonsTest {

  @Test
  void quotedValuesKeepTheReasonOnOneLogLine() {
    byte[] value = "a\nb\r\tc\u0001d".getBytes(StandardCharsets.UTF_8);
    assertThat(Reasons.display(value, 0, value.length)).isEqualTo("a\\nb\\r\\tc\\u0001d");
  }

  @Test
  void parserMessagesAreEscapedToo() {
    assertThat(Reasons.bounded("unexpected '\n' at line 1"))
        .isEqualTo("unexpected '\\n' at line 1");
    assertThat(Reasons.bounded("x".repeat(600) + "\n")).isEqualTo("x".repeat(500) + "...");
  }

  @Test
  void plainTextIsReturnedAsIs() {
    String text = "column 'id' value 'ünï 🎉' cannot be converted";
    assertThat(Reasons.escapeControls(text)).isSameAs(text);
  }
}
