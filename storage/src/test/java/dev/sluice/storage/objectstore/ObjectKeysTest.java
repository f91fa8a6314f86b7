package dev.sluice.storage.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectKeysTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"a", "tables/7/data/p=1/b3/000123.parquet", "..a/b..", "a/.hidden", "ü/✓ x"})
  void acceptsRelativePaths(String key) {
    assertThat(ObjectKeys.checkKey(key)).isEqualTo(key);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|key is empty",
        "/a|key starts with '/': /a",
        "a/|key ends with '/': a/",
        "a//b|key has an empty segment: a//b",
        "a/./b|key has a '.' segment: a/./b",
        "a/..|key has a '..' segment: a/..",
        "..|key has a '..' segment: ..",
        "a\\b|key contains a control character or backslash at index 1: a\\b",
      })
  void refusesKeysThatCouldEscapeOrAlias(String key, String message) {
    assertThatThrownBy(() -> ObjectKeys.checkKey(key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void refusesControlCharactersAndOverlongKeys() {
    assertThatThrownBy(() -> ObjectKeys.checkKey("a\nb"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key contains a control character or backslash at index 1: a\nb");
    assertThat(ObjectKeys.checkKey("k".repeat(1024))).hasSize(1024);
    assertThatThrownBy(() -> ObjectKeys.checkKey("ü".repeat(513)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key is longer than 1024 bytes");
  }

  @Test
  void prefixesMayBeEmptyOrEndAnywhere() {
    assertThat(ObjectKeys.checkPrefix("")).isEmpty();
    assertThat(ObjectKeys.checkPrefix("tables/")).isEqualTo("tables/");
    assertThat(ObjectKeys.checkPrefix("tables/7/da")).isEqualTo("tables/7/da");
    assertThat(ObjectKeys.checkPrefix("tables/.")).isEqualTo("tables/.");
    assertThatThrownBy(() -> ObjectKeys.checkPrefix("../tables/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("prefix has a '..' segment: ../tables/");
  }
}
