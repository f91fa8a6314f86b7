package dev.sluice.worker.decode;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Creates record decoders from a job's properties, validating them; the control plane can call
 * {@link #create} at CREATE time to report bad properties, since every problem is an {@link
 * IllegalArgumentException} with a message for the user.
 */
public final class RecordDecoders {

  /** The longest column separator StarRocks accepts, in bytes. */
  public static final int MAX_SEPARATOR_BYTES = 50;

  /** The default column separator, a tab. */
  public static final byte[] DEFAULT_SEPARATOR = {'\t'};

  private RecordDecoders() {}

  /**
   * A decoder for {@code format} csv or json; avro needs a schema registry, see the overload.
   *
   * @throws IllegalArgumentException if the properties are invalid or do not fit the format
   */
  public static RecordDecoder create(
      String format,
      byte[] columnSeparator,
      Optional<String> jsonPaths,
      Optional<String> jsonRoot,
      boolean stripOuterArray,
      boolean strictMode,
      SourceColumns columns) {
    return create(
        format,
        columnSeparator,
        jsonPaths,
        jsonRoot,
        stripOuterArray,
        strictMode,
        Optional.empty(),
        columns);
  }

  /**
   * A decoder for {@code format}.
   *
   * @param format {@code csv}, {@code json} or {@code avro}, in any case
   * @param columnSeparator CSV only: 1 to 50 bytes (see {@link #parseColumnSeparator})
   * @param jsonPaths JSON and Avro: a JSON array of paths, the i-th feeding the i-th source column
   * @param jsonRoot JSON only: the path of the value to read instead of the whole message
   * @param stripOuterArray JSON only: the value read is an array whose elements are rows
   * @param strictMode whether a value that cannot be converted rejects its row (true) or becomes
   *     NULL (false)
   * @param schemaRegistryUrl Avro only (required): the {@code confluent.schema.registry.url}; the
   *     decoder uses the worker-wide {@link SchemaRegistryClient} of that URL
   * @throws IllegalArgumentException if the properties are invalid or do not fit the format
   */
  public static RecordDecoder create(
      String format,
      byte[] columnSeparator,
      Optional<String> jsonPaths,
      Optional<String> jsonRoot,
      boolean stripOuterArray,
      boolean strictMode,
      Optional<String> schemaRegistryUrl,
      SourceColumns columns) {
    requireNonNull(format, "format is null");
    requireNonNull(columnSeparator, "columnSeparator is null");
    requireNonNull(jsonPaths, "jsonPaths is null");
    requireNonNull(jsonRoot, "jsonRoot is null");
    requireNonNull(schemaRegistryUrl, "schemaRegistryUrl is null");
    requireNonNull(columns, "columns is null");
    switch (format.strip().toLowerCase(Locale.ROOT)) {
      case "csv" -> {
        if (jsonPaths.isPresent() || jsonRoot.isPresent() || stripOuterArray) {
          throw new IllegalArgumentException(
              "jsonpaths, json_root and strip_outer_array apply only to format json, not csv");
        }
        return csv(columnSeparator, strictMode, columns);
      }
      case "json" -> {
        return json(jsonPaths, jsonRoot, stripOuterArray, strictMode, columns);
      }
      case "avro" -> {
        if (jsonRoot.isPresent() || stripOuterArray) {
          throw new IllegalArgumentException(
              "json_root and strip_outer_array apply only to format json, not avro");
        }
        String url =
            schemaRegistryUrl.orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "format avro needs \"confluent.schema.registry.url\" in FROM KAFKA"));
        return avro(SchemaRegistryClient.shared(url), jsonPaths, strictMode, columns);
      }
      default ->
          throw new IllegalArgumentException(
              "unsupported format '" + format + "': expected csv, json or avro");
    }
  }

  /** A CSV decoder; see {@link #create}. */
  public static RecordDecoder csv(
      byte[] columnSeparator, boolean strictMode, SourceColumns columns) {
    requireNonNull(columnSeparator, "columnSeparator is null");
    requireNonNull(columns, "columns is null");
    checkSeparator(columnSeparator);
    return new CsvDecoder(columnSeparator, columns, strictMode);
  }

  /** A JSON decoder; see {@link #create}. */
  public static RecordDecoder json(
      Optional<String> jsonPaths,
      Optional<String> jsonRoot,
      boolean stripOuterArray,
      boolean strictMode,
      SourceColumns columns) {
    requireNonNull(jsonPaths, "jsonPaths is null");
    requireNonNull(jsonRoot, "jsonRoot is null");
    requireNonNull(columns, "columns is null");
    Optional<List<JsonPath>> paths = paths(jsonPaths, columns);
    Optional<JsonPath> root;
    try {
      root = jsonRoot.map(JsonPath::parse);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("json_root: " + e.getMessage(), e);
    }
    return new JsonDecoder(paths, root, stripOuterArray, strictMode, columns);
  }

  /**
   * An Avro decoder for messages in the Confluent wire format, with writer schemas from {@code
   * schemas}; see {@link #create}.
   */
  public static RecordDecoder avro(
      AvroSchemas schemas, Optional<String> jsonPaths, boolean strictMode, SourceColumns columns) {
    requireNonNull(schemas, "schemas is null");
    requireNonNull(jsonPaths, "jsonPaths is null");
    requireNonNull(columns, "columns is null");
    return new AvroDecoder(schemas, paths(jsonPaths, columns), strictMode, columns);
  }

  /**
   * The bytes of a {@code column_separator} property: {@code \x} followed by pairs of hex digits
   * (e.g. {@code \x01}, as StarRocks writes invisible separators), or else the text's UTF-8 bytes.
   *
   * @throws IllegalArgumentException if the result is empty or longer than 50 bytes
   */
  public static byte[] parseColumnSeparator(String text) {
    requireNonNull(text, "text is null");
    byte[] bytes;
    if (text.length() > 2
        && text.charAt(0) == '\\'
        && (text.charAt(1) == 'x' || text.charAt(1) == 'X')
        && text.length() % 2 == 0
        && isHex(text.substring(2))) {
      bytes = HexFormat.of().parseHex(text.substring(2));
    } else {
      bytes = text.getBytes(StandardCharsets.UTF_8);
    }
    checkSeparator(bytes);
    return bytes;
  }

  private static Optional<List<JsonPath>> paths(Optional<String> jsonPaths, SourceColumns columns) {
    Optional<List<JsonPath>> paths = jsonPaths.map(JsonPath::parseList);
    if (paths.isPresent() && paths.get().size() != columns.size()) {
      throw new IllegalArgumentException(
          "jsonpaths has "
              + paths.get().size()
              + " paths but there are "
              + columns.size()
              + " columns; the i-th path feeds the i-th column");
    }
    return paths;
  }

  private static boolean isHex(String digits) {
    for (int i = 0; i < digits.length(); i++) {
      if (Character.digit(digits.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static void checkSeparator(byte[] separator) {
    if (separator.length < 1 || separator.length > MAX_SEPARATOR_BYTES) {
      throw new IllegalArgumentException(
          "column_separator must be 1 to "
              + MAX_SEPARATOR_BYTES
              + " bytes, but it is "
              + separator.length);
    }
  }
}
