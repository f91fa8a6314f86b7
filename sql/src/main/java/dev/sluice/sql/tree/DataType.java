package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A column or CAST type, normalised: the name is upper case with {@code INTEGER} spelled {@code
 * INT}; integer display widths ({@code bigint(20)}) are dropped because they mean nothing;
 * parameters are kept as written, without filling in defaults ({@code DECIMAL} stays {@code
 * DECIMAL}, {@code VARCHAR} stays {@code VARCHAR}) so the consumer decides what a default is.
 *
 * <p>Names: BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, LARGEINT, FLOAT, DOUBLE, DECIMAL, DECIMALV2,
 * DECIMAL32, DECIMAL64, DECIMAL128 (0 to 2 parameters: precision, scale), DATE, DATETIME, CHAR,
 * VARCHAR (0 or 1 parameter: length), STRING, JSON.
 */
public record DataType(String name, List<Integer> parameters, Position position) implements Node {

  public DataType {
    requireNonNull(name, "name is null");
    if (name.isEmpty() || !name.equals(name.toUpperCase(Locale.ROOT))) {
      throw new IllegalArgumentException("type name must be upper case: " + name);
    }
    parameters = List.copyOf(requireNonNull(parameters, "parameters is null"));
    requireNonNull(position, "position is null");
  }

  public static DataType of(String name, Position position) {
    return new DataType(name, List.of(), position);
  }

  /** The normalised SQL text, e.g. {@code BIGINT}, {@code VARCHAR(26)}, {@code DECIMAL(10,2)}. */
  public String text() {
    if (parameters.isEmpty()) {
      return name;
    }
    return parameters.stream()
        .map(String::valueOf)
        .collect(Collectors.joining(",", name + "(", ")"));
  }
}
