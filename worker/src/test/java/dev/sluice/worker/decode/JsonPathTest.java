package dev.sluice.worker.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonPathTest {

  @Test
  void parsesNamesIndexesAndQuotedNames() {
    assertThat(JsonPath.parse("$").steps()).isEmpty();
    assertThat(JsonPath.parse("$.commodity_id").steps())
        .containsExactly(new JsonPath.Name("commodity_id"));
    assertThat(JsonPath.parse(" $.customer.name ").steps())
        .containsExactly(new JsonPath.Name("customer"), new JsonPath.Name("name"));
    assertThat(JsonPath.parse("$.items[0][12].sku").steps())
        .containsExactly(
            new JsonPath.Name("items"),
            new JsonPath.Index(0),
            new JsonPath.Index(12),
            new JsonPath.Name("sku"));
    assertThat(JsonPath.parse("$['odd.key'][\"x[1]\"]").steps())
        .containsExactly(new JsonPath.Name("odd.key"), new JsonPath.Name("x[1]"));
    assertThat(JsonPath.parse("$[3]").steps()).containsExactly(new JsonPath.Index(3));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "commodity_id|it must start with '$'",
        "\"\"|it must start with '$'",
        "$.|a name is missing after '.' at position 1",
        "$..a|recursive descent '..' is not supported",
        "$.a.*|wildcards are not supported: a column holds one value",
        "$.a[*]|wildcards, filters, slices and negative indexes are not supported",
        "$.a[-1]|wildcards, filters, slices and negative indexes are not supported",
        "$.a[?(@.x)]|wildcards, filters, slices and negative indexes are not supported",
        "$.a[x]|expected an array index or a quoted name after '['",
        "$.a[|'[' is not closed",
        "$.a[1|expected ']' at position 5",
        "$.a['b|a quoted name is not closed",
        "$.a[1234567890]|the array index 1234567890 is too large",
        "$x|unexpected 'x' at position 1",
      })
  void rejectsPathsItCannotFollow(String path, String why) {
    assertThatThrownBy(() -> JsonPath.parse(path))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid jsonpath '" + path + "': " + why);
  }

  @Test
  void rejectsPathsDeeperThanDocumentsMayNest() {
    String deep = "$" + ".a".repeat(101);
    assertThatThrownBy(() -> JsonPath.parse(deep))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid jsonpath '" + deep + "': it has more than 100 steps");
  }

  @Test
  void parsesAListOfPaths() {
    List<JsonPath> paths = JsonPath.parseList("[\"$.a\", \"$.b[0]\"]");
    assertThat(paths).extracting(JsonPath::text).containsExactly("$.a", "$.b[0]");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "$.a|it is not valid JSON: Unrecognized token '$': was expecting",
        "{\"a\": \"$.a\"}|it is not a JSON array",
        "[\"$.a\", 1]|element 2 is not a string",
        "[]|it has no paths",
        "[\"$.a\"] []|there is more after the array",
        "[\"$.a\"|it is not valid JSON: Unexpected end-of-input",
      })
  void rejectsMalformedPathLists(String json, String why) {
    assertThatThrownBy(() -> JsonPath.parseList(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "jsonpaths must be a JSON array of paths such as [\"$.id\", \"$.customer.name\"], but "
                + why);
  }
}
