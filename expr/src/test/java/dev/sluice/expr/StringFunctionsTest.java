package dev.sluice.expr;

import static dev.sluice.expr.ExpressionHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StringFunctionsTest {

  @Test
  void concatIsNullWhenAnyArgumentIsNull() {
    assertThat(
            rows().with("s", "a", null, "c").with("s2", "x", "y", null).eval("concat(s, '-', s2)"))
        .containsExactly("a-x", null, null);
    assertThat(rows().with("i", 12L).with("d", 1.5).eval("concat(i, '/', d, '/', true)"))
        .containsExactly("12/1.5/1");
  }

  @Test
  void concatWsSkipsNulls() {
    assertThat(
            rows()
                .with("s", "a", null, null)
                .with("s2", "b", "c", null)
                .eval("concat_ws(',', s, s2)"))
        .containsExactly("a,b", "c", "");
    assertThat(rows().with("s", "a").eval("concat_ws(NULL, s, s)")).containsExactly((Object) null);
  }

  @Test
  void substrCountsCharactersFromOneOrFromTheEnd() {
    ExpressionHarness text = rows().with("s", "héllo wörld", null);
    assertThat(text.eval("substr(s, 2, 4)")).containsExactly("éllo", null);
    assertThat(text.eval("substring(s, 7)")).containsExactly("wörld", null);
    assertThat(text.eval("substr(s, -5, 3)")).containsExactly("wör", null);
    assertThat(text.eval("substr(s, 0)")).containsExactly("", null);
    assertThat(text.eval("substr(s, 100)")).containsExactly("", null);
    assertThat(text.eval("substr(s, -100)")).containsExactly("", null);
    assertThat(text.eval("substr(s, 2, 0)")).containsExactly("", null);
    assertThat(text.eval("substr(s, 2, -1)")).containsExactly("", null);
  }

  @Test
  void lengthCountsBytesAndCharLengthCharacters() {
    ExpressionHarness text = rows().with("s", "héllo", "", null);
    assertThat(text.eval("length(s)")).containsExactly(6L, 0L, null);
    assertThat(text.eval("char_length(s)")).containsExactly(5L, 0L, null);
    assertThat(text.eval("character_length(s)")).containsExactly(5L, 0L, null);
  }

  @Test
  void upperAndLowerHandleAsciiAndOtherText() {
    ExpressionHarness text = rows().with("s", "Hello", "straße Ärger", null);
    assertThat(text.eval("upper(s)")).containsExactly("HELLO", "STRASSE ÄRGER", null);
    assertThat(text.eval("lower(s)")).containsExactly("hello", "straße ärger", null);
    assertThat(text.eval("ucase(s)")).containsExactly("HELLO", "STRASSE ÄRGER", null);
  }

  @Test
  void trimRemovesSpacesOnly() {
    ExpressionHarness text = rows().with("s", "  a b  ", "\tx ", "   ", null);
    assertThat(text.eval("trim(s)")).containsExactly("a b", "\tx", "", null);
    assertThat(text.eval("ltrim(s)")).containsExactly("a b  ", "\tx ", "", null);
    assertThat(text.eval("rtrim(s)")).containsExactly("  a b", "\tx", "", null);
  }

  @Test
  void replaceReplacesEveryOccurrence() {
    ExpressionHarness text = rows().with("s", "a-b-c", "---", "abc", null);
    assertThat(text.eval("replace(s, '-', '+=')"))
        .containsExactly("a+=b+=c", "+=+=+=", "abc", null);
    assertThat(text.eval("replace(s, '', 'x')")).containsExactly("a-b-c", "---", "abc", null);
    assertThat(text.eval("replace(s, '--', '')")).containsExactly("a-b-c", "-", "abc", null);
  }

  @Test
  void splitPartCountsFromEitherEnd() {
    ExpressionHarness text = rows().with("s", "a,b,,c", "abc", null);
    assertThat(text.eval("split_part(s, ',', 1)")).containsExactly("a", "abc", null);
    assertThat(text.eval("split_part(s, ',', 3)")).containsExactly("", null, null);
    assertThat(text.eval("split_part(s, ',', 4)")).containsExactly("c", null, null);
    assertThat(text.eval("split_part(s, ',', 5)")).containsExactly(null, null, null);
    assertThat(text.eval("split_part(s, ',', -1)")).containsExactly("c", "abc", null);
    assertThat(text.eval("split_part(s, ',', -4)")).containsExactly("a", null, null);
    assertThat(text.eval("split_part(s, ',', 0)")).containsExactly(null, null, null);
    assertThat(text.eval("split_part(s, '', 1)")).containsExactly(null, null, null);
  }

  @Test
  void md5IsLowerCaseHex() {
    assertThat(rows().with("s", "", "hello", null).eval("md5(s)"))
        .containsExactly(
            "d41d8cd98f00b204e9800998ecf8427e", "5d41402abc4b2a76b9719d911017c592", null);
  }

  @Test
  void stringFunctionsAcceptNumbersAsText() {
    assertThat(rows().with("i", 12345L).eval("substr(i, 2, 2)")).containsExactly("23");
    assertThat(rows().with("dec", new java.math.BigDecimal("-1.50")).eval("concat(dec)"))
        .containsExactly("-1.50");
  }

  @Test
  void functionNamesIgnoreCase() {
    assertThat(rows().with("s", "ab").eval("UPPER(s)")).containsExactly("AB");
    assertThat(rows().with("s", "ab").eval("Concat(S, S)")).containsExactly("abab");
  }

  @Test
  void constantExpressionsAreEvaluatedOnce() {
    assertThat(rows().with("i", 1L, 2L, 3L).eval("concat('a', upper('b'))"))
        .containsExactly("aB", "aB", "aB");
  }
}
