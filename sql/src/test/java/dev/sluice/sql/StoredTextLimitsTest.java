package dev.sluice.sql;

import static dev.sluice.sql.SqlParser.parseStatement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sql.tree.CreateDatabase;
import org.junit.jupiter.api.Test;

/** Names and strings that the catalog could not store are rejected where they are written. */
class StoredTextLimitsTest {

  @Test
  void aNulCharacterInANameOrStringIsRejectedWithItsPosition() {
    assertThatThrownBy(() -> parseStatement("CREATE DATABASE `a\u0000b`"))
        .isInstanceOf(SqlParseException.class)
        .hasMessage(
            "line 1:16: NUL character (U+0000) in a name: names and values cannot contain it");
    assertThatThrownBy(() -> parseStatement("SELECT * FROM t WHERE v = 'a\u0000'"))
        .isInstanceOf(SqlParseException.class)
        .hasMessage(
            "line 1:26: NUL character (U+0000) in a string: names and values cannot contain it");
    assertThatThrownBy(() -> parseStatement("SHOW DATABASES \u0000"))
        .isInstanceOf(SqlParseException.class)
        .hasMessage("line 1:15: unexpected character U+0000");
  }

  @Test
  void namesAreAtMost256Characters() {
    String longest = "d".repeat(TokenScanner.MAX_IDENTIFIER_CHARS);
    assertThat(((CreateDatabase) parseStatement("CREATE DATABASE " + longest)).name())
        .isEqualTo(longest);
    assertThat(((CreateDatabase) parseStatement("CREATE DATABASE `" + longest + "`")).name())
        .isEqualTo(longest);
    assertThatThrownBy(() -> parseStatement("CREATE DATABASE `" + "d".repeat(1 << 20) + "`"))
        .isInstanceOf(SqlParseException.class)
        .hasMessage("line 1:16: name too long: 1048576 characters, at most 256 are allowed");
    assertThatThrownBy(() -> parseStatement("DESC " + "t".repeat(257)))
        .isInstanceOf(SqlParseException.class)
        .hasMessage("line 1:5: name too long: 257 characters, at most 256 are allowed");
  }

  @Test
  void longStringsAreFine() {
    String value = "v".repeat(100_000);
    assertThat(parseStatement("SELECT * FROM t WHERE v = '" + value + "'")).isNotNull();
  }
}
