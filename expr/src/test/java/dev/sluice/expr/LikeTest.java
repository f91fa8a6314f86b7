package dev.sluice.expr;

import static dev.sluice.expr.ExpressionHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LikeTest {

  private static final ExpressionHarness WORDS =
      rows().with("s", "apple", "banana", "", "a_b", "a%b", "Apple", "日本語", null);

  @Test
  void percentMatchesAnyRun() {
    assertThat(WORDS.eval("s like 'a%'"))
        .containsExactly(true, false, false, true, true, false, false, null);
    assertThat(WORDS.eval("s like '%a'"))
        .containsExactly(false, true, false, false, false, false, false, null);
    assertThat(WORDS.eval("s like '%an%'"))
        .containsExactly(false, true, false, false, false, false, false, null);
    assertThat(WORDS.eval("s like '%'"))
        .containsExactly(true, true, true, true, true, true, true, null);
    assertThat(WORDS.eval("s like '%%'"))
        .containsExactly(true, true, true, true, true, true, true, null);
  }

  @Test
  void underscoreMatchesOneCharacterNotOneByte() {
    assertThat(WORDS.eval("s like '_pple'"))
        .containsExactly(true, false, false, false, false, true, false, null);
    assertThat(WORDS.eval("s like '___'"))
        .containsExactly(false, false, false, true, true, false, true, null);
    assertThat(WORDS.eval("s like '日_語'"))
        .containsExactly(false, false, false, false, false, false, true, null);
  }

  @Test
  void exactMatchIsCaseSensitive() {
    assertThat(WORDS.eval("s like 'apple'"))
        .containsExactly(true, false, false, false, false, false, false, null);
    assertThat(WORDS.eval("s like ''"))
        .containsExactly(false, false, true, false, false, false, false, null);
  }

  @Test
  void backslashEscapesWildcards() {
    assertThat(WORDS.eval("s like 'a\\_b'"))
        .containsExactly(false, false, false, true, false, false, false, null);
    assertThat(WORDS.eval("s like 'a\\%b'"))
        .containsExactly(false, false, false, false, true, false, false, null);
    assertThat(WORDS.eval("s like '%\\%%'"))
        .containsExactly(false, false, false, false, true, false, false, null);
  }

  @Test
  void generalPatternsBacktrack() {
    assertThat(rows().with("s", "abcabcabd", "abcabcab").eval("s like 'a%b%d'"))
        .containsExactly(true, false);
    assertThat(rows().with("s", "mississippi").eval("s like 'm%ss%pi'")).containsExactly(true);
    assertThat(rows().with("s", "aaa").eval("s like 'a%a%a%a'")).containsExactly(false);
    assertThat(rows().with("s", "xyz").eval("s like '_%_'")).containsExactly(true);
  }

  @Test
  void notLikeAndNullPatterns() {
    assertThat(WORDS.eval("s not like 'a%'"))
        .containsExactly(false, true, true, false, false, true, true, null);
    assertThat(rows().with("s", "a").eval("s like NULL")).containsExactly((Object) null);
  }

  @Test
  void patternsFromAColumn() {
    assertThat(rows().with("s", "abc", "abc", "abc").with("s2", "a%", "%d", null).eval("s like s2"))
        .containsExactly(true, false, null);
  }

  @Test
  void regexpSearches() {
    assertThat(WORDS.eval("s regexp '^a.p'"))
        .containsExactly(true, false, false, false, false, false, false, null);
    assertThat(WORDS.eval("s rlike 'an+a'"))
        .containsExactly(false, true, false, false, false, false, false, null);
  }
}
