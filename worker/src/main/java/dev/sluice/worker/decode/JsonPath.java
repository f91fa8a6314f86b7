package dev.sluice.worker.decode;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A jsonpath as Routine Load uses them in {@code jsonpaths} and {@code json_root}: {@code $}
 * followed by steps {@code .name}, {@code ['name']} (for names with dots or brackets) and {@code
 * [index]}. Wildcards, slices, filters and recursive descent select several values, which a column
 * cannot hold, so they are refused.
 *
 * @param text the path as written
 * @param steps from the document down; none for {@code $}, the whole document
 */
record JsonPath(String text, List<Step> steps) {

  /** Deeper paths could not match anyway: documents are capped at this nesting depth. */
  static final int MAX_STEPS = JsonDecoder.MAX_NESTING_DEPTH;

  private static final JsonFactory FACTORY = new JsonFactory();

  JsonPath {
    requireNonNull(text, "text is null");
    steps = List.copyOf(steps);
  }

  /** One step of a path. */
  sealed interface Step permits Name, Index {}

  /** The member {@code name} of an object, matched exactly. */
  record Name(String name) implements Step {}

  /** The element at {@code index} (from 0) of an array. */
  record Index(int index) implements Step {}

  /**
   * Parses a path.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  static JsonPath parse(String text) {
    requireNonNull(text, "text is null");
    String path = text.strip();
    if (path.isEmpty() || path.charAt(0) != '$') {
      throw invalid(text, "it must start with '$'");
    }
    List<Step> steps = new ArrayList<>();
    int i = 1;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '.') {
        i = parseDotName(text, path, i + 1, steps);
      } else if (c == '[') {
        i = parseBracket(text, path, i + 1, steps);
      } else {
        throw invalid(text, "unexpected '" + c + "' at position " + i);
      }
      if (steps.size() > MAX_STEPS) {
        throw invalid(text, "it has more than " + MAX_STEPS + " steps");
      }
    }
    return new JsonPath(text, steps);
  }

  /**
   * Parses the {@code jsonpaths} property: a JSON array of path strings.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  static List<JsonPath> parseList(String json) {
    requireNonNull(json, "json is null");
    List<JsonPath> paths = new ArrayList<>();
    try (JsonParser parser = FACTORY.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw invalidList(json, "it is not a JSON array");
      }
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token != JsonToken.VALUE_STRING) {
          throw invalidList(json, "element " + (paths.size() + 1) + " is not a string");
        }
        paths.add(parse(parser.getText()));
      }
      if (parser.nextToken() != null) {
        throw invalidList(json, "there is more after the array");
      }
    } catch (JsonProcessingException e) {
      throw invalidList(json, "it is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw invalidList(json, "it cannot be read: " + e.getMessage());
    }
    if (paths.isEmpty()) {
      throw invalidList(json, "it has no paths");
    }
    return paths;
  }

  private static int parseDotName(String text, String path, int start, List<Step> steps) {
    int i = start;
    while (i < path.length() && path.charAt(i) != '.' && path.charAt(i) != '[') {
      i++;
    }
    String name = path.substring(start, i);
    if (name.isEmpty()) {
      throw invalid(
          text,
          i < path.length() && path.charAt(i) == '.'
              ? "recursive descent '..' is not supported"
              : "a name is missing after '.' at position " + (start - 1));
    }
    if (name.equals("*")) {
      throw invalid(text, "wildcards are not supported: a column holds one value");
    }
    steps.add(new Name(name));
    return i;
  }

  private static int parseBracket(String text, String path, int start, List<Step> steps) {
    if (start >= path.length()) {
      throw invalid(text, "'[' is not closed");
    }
    char first = path.charAt(start);
    int close;
    if (first == '\'' || first == '"') {
      int endQuote = path.indexOf(first, start + 1);
      if (endQuote < 0) {
        throw invalid(text, "a quoted name is not closed");
      }
      steps.add(new Name(path.substring(start + 1, endQuote)));
      close = endQuote + 1;
    } else {
      int i = start;
      while (i < path.length() && Character.isDigit(path.charAt(i)) && path.charAt(i) < 128) {
        i++;
      }
      if (i == start) {
        throw invalid(
            text,
            first == '*' || first == '?' || first == ':' || first == '-'
                ? "wildcards, filters, slices and negative indexes are not supported"
                : "expected an array index or a quoted name after '['");
      }
      if (i - start > 9) {
        throw invalid(text, "the array index " + path.substring(start, i) + " is too large");
      }
      steps.add(new Index(Integer.parseInt(path.substring(start, i))));
      close = i;
    }
    if (close >= path.length() || path.charAt(close) != ']') {
      throw invalid(text, "expected ']' at position " + close);
    }
    return close + 1;
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException("invalid jsonpath '" + text + "': " + why);
  }

  private static IllegalArgumentException invalidList(String json, String why) {
    return new IllegalArgumentException(
        "jsonpaths must be a JSON array of paths such as [\"$.id\", \"$.customer.name\"], but "
            + why
            + ": "
            + json);
  }
}
