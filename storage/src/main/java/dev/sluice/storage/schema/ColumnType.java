package dev.sluice.storage.schema;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column type: the kind plus its parameters, {@code precision} and {@code scale} for DECIMAL and
 * {@code length} (bytes) for CHAR, VARCHAR and STRING; unused parameters are 0. Create with {@link
 * #parse(String)} or the factory methods; {@link #toString()} gives the canonical StarRocks text.
 */
public record ColumnType(TypeKind kind, int precision, int scale, int length) {

  public static final int MAX_DECIMAL_PRECISION = 38;
  public static final int MAX_CHAR_LENGTH = 255;
  public static final int MAX_VARCHAR_LENGTH = 1_048_576;
  public static final int STRING_LENGTH = 65_533;

  /** LARGEINT holds 128-bit integers, which need 39 digits; 38 is what DECIMAL can hold. */
  public static final int LARGEINT_PRECISION = 38;

  // Name, then an optional parenthesised list of one or two numbers.
  private static final Pattern TYPE =
      Pattern.compile("([A-Z][A-Z0-9_]*)\\s*(?:\\(\\s*(\\d{1,9})\\s*(?:,\\s*(\\d{1,9})\\s*)?\\))?");

  public ColumnType {
    requireNonNull(kind, "kind is null");
    switch (kind) {
      case DECIMAL -> {
        if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
          throw new IllegalArgumentException(
              "DECIMAL precision must be 1 to " + MAX_DECIMAL_PRECISION + ": " + precision);
        }
        if (scale < 0 || scale > precision) {
          throw new IllegalArgumentException(
              "DECIMAL scale must be 0 to the precision " + precision + ": " + scale);
        }
        requireZero(kind, "length", length);
      }
      case CHAR -> {
        checkLength(kind, length, MAX_CHAR_LENGTH);
        requireZero(kind, "precision", precision);
        requireZero(kind, "scale", scale);
      }
      case VARCHAR -> {
        checkLength(kind, length, MAX_VARCHAR_LENGTH);
        requireZero(kind, "precision", precision);
        requireZero(kind, "scale", scale);
      }
      case STRING -> {
        if (length != STRING_LENGTH) {
          throw new IllegalArgumentException(
              "STRING length must be " + STRING_LENGTH + ": " + length);
        }
        requireZero(kind, "precision", precision);
        requireZero(kind, "scale", scale);
      }
      case BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, LARGEINT, FLOAT, DOUBLE, DATE, DATETIME -> {
        requireZero(kind, "precision", precision);
        requireZero(kind, "scale", scale);
        requireZero(kind, "length", length);
      }
    }
  }

  public static ColumnType of(TypeKind kind) {
    return switch (kind) {
      case DECIMAL -> throw new IllegalArgumentException("DECIMAL needs a precision and scale");
      case CHAR, VARCHAR -> throw new IllegalArgumentException(kind + " needs a length");
      case STRING -> string();
      case BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, LARGEINT, FLOAT, DOUBLE, DATE, DATETIME ->
          new ColumnType(kind, 0, 0, 0);
    };
  }

  public static ColumnType decimal(int precision, int scale) {
    return new ColumnType(TypeKind.DECIMAL, precision, scale, 0);
  }

  public static ColumnType charType(int length) {
    return new ColumnType(TypeKind.CHAR, 0, 0, length);
  }

  public static ColumnType varchar(int length) {
    return new ColumnType(TypeKind.VARCHAR, 0, 0, length);
  }

  public static ColumnType string() {
    return new ColumnType(TypeKind.STRING, 0, 0, STRING_LENGTH);
  }

  /**
   * Parses StarRocks type text, case-insensitively: {@code BOOLEAN}, {@code TINYINT}, {@code
   * SMALLINT}, {@code INT} (or {@code INTEGER}), {@code BIGINT}, {@code LARGEINT} (each with an
   * optional display width such as {@code bigint(20)}, which is ignored), {@code FLOAT}, {@code
   * DOUBLE}, {@code DECIMAL(p,s)} (also {@code DECIMALV2}, {@code DECIMAL32}, {@code DECIMAL64},
   * {@code DECIMAL128}, each checked against its own precision limit; {@code DECIMAL(p)} has scale
   * 0, plain {@code DECIMAL} is {@code DECIMAL(10,0)}), {@code DATE}, {@code DATETIME}, {@code
   * CHAR(n)} and {@code VARCHAR(n)} (length 1 when omitted, as in StarRocks), {@code STRING}.
   *
   * @throws IllegalArgumentException for anything else, saying why
   */
  public static ColumnType parse(String text) {
    requireNonNull(text, "text is null");
    String normalized = text.strip().toUpperCase(Locale.ROOT);
    Matcher matcher = TYPE.matcher(normalized);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a column type: '" + text + "'");
    }
    String name = matcher.group(1);
    Integer first = number(matcher.group(2));
    Integer second = number(matcher.group(3));
    try {
      return switch (name) {
        case "BOOLEAN", "BOOL" -> noArguments(TypeKind.BOOLEAN, first);
        case "TINYINT" -> integer(TypeKind.TINYINT, first, second);
        case "SMALLINT" -> integer(TypeKind.SMALLINT, first, second);
        case "INT", "INTEGER" -> integer(TypeKind.INT, first, second);
        case "BIGINT" -> integer(TypeKind.BIGINT, first, second);
        case "LARGEINT" -> integer(TypeKind.LARGEINT, first, second);
        case "FLOAT" -> noArguments(TypeKind.FLOAT, first);
        case "DOUBLE" -> noArguments(TypeKind.DOUBLE, first);
        case "DECIMAL" -> decimal(first, second, MAX_DECIMAL_PRECISION, true);
        case "DECIMALV2" -> decimalV2(first, second);
        case "DECIMAL32" -> decimal(first, second, 9, false);
        case "DECIMAL64" -> decimal(first, second, 18, false);
        case "DECIMAL128" -> decimal(first, second, MAX_DECIMAL_PRECISION, false);
        case "DATE" -> noArguments(TypeKind.DATE, first);
        case "DATETIME" -> noArguments(TypeKind.DATETIME, first);
        case "CHAR" -> charType(oneArgument(name, first, second, 1));
        case "VARCHAR" -> varchar(oneArgument(name, first, second, 1));
        case "STRING" -> noArguments(TypeKind.STRING, first);
        default -> throw new IllegalArgumentException("unknown type " + name);
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a column type: '" + text + "': " + e.getMessage(), e);
    }
  }

  /** The numbers in the type's parentheses: (precision, scale), (length), or none. */
  public java.util.List<Integer> parameters() {
    return switch (kind) {
      case DECIMAL -> java.util.List.of(precision, scale);
      case CHAR, VARCHAR -> java.util.List.of(length);
      case BOOLEAN,
              TINYINT,
              SMALLINT,
              INT,
              BIGINT,
              LARGEINT,
              FLOAT,
              DOUBLE,
              DATE,
              DATETIME,
              STRING ->
          java.util.List.of();
    };
  }

  /** The canonical StarRocks text, which {@link #parse(String)} reads back to an equal type. */
  @Override
  public String toString() {
    return switch (kind) {
      case DECIMAL -> "DECIMAL(" + precision + "," + scale + ")";
      case CHAR, VARCHAR -> kind.name() + "(" + length + ")";
      case BOOLEAN,
              TINYINT,
              SMALLINT,
              INT,
              BIGINT,
              LARGEINT,
              FLOAT,
              DOUBLE,
              DATE,
              DATETIME,
              STRING ->
          kind.name();
    };
  }

  private static ColumnType noArguments(TypeKind kind, Integer first) {
    if (first != null) {
      throw new IllegalArgumentException(kind + " takes no arguments");
    }
    return of(kind);
  }

  /** A display width such as INT(11) says nothing about the range of values. */
  private static ColumnType integer(TypeKind kind, Integer width, Integer second) {
    if (second != null) {
      throw new IllegalArgumentException(kind + " takes at most a display width");
    }
    if (width != null && (width < 1 || width > 255)) {
      throw new IllegalArgumentException(kind + " display width must be 1 to 255: " + width);
    }
    return of(kind);
  }

  private static ColumnType decimal(
      Integer precision, Integer scale, int maxPrecision, boolean precisionOptional) {
    if (precision == null) {
      if (!precisionOptional) {
        throw new IllegalArgumentException("a precision is required");
      }
      return decimal(10, 0);
    }
    if (precision < 1 || precision > maxPrecision) {
      throw new IllegalArgumentException(
          "precision must be 1 to " + maxPrecision + ": " + precision);
    }
    return decimal(precision, scale == null ? 0 : scale);
  }

  /** StarRocks' older DECIMAL: up to 27 integer digits and 9 fraction digits. */
  private static ColumnType decimalV2(Integer precision, Integer scale) {
    ColumnType type = decimal(precision, scale, 27, true);
    if (type.scale() > 9) {
      throw new IllegalArgumentException("DECIMALV2 scale must be 0 to 9: " + type.scale());
    }
    return type;
  }

  private static int oneArgument(String name, Integer first, Integer second, int absent) {
    if (second != null) {
      throw new IllegalArgumentException(name + " takes one argument, the length");
    }
    return first == null ? absent : first;
  }

  private static Integer number(String digits) {
    return digits == null ? null : Integer.valueOf(digits);
  }

  private static void checkLength(TypeKind kind, int length, int max) {
    if (length < 1 || length > max) {
      throw new IllegalArgumentException(kind + " length must be 1 to " + max + ": " + length);
    }
  }

  private static void requireZero(TypeKind kind, String what, int value) {
    if (value != 0) {
      throw new IllegalArgumentException(kind + " has no " + what + ": " + value);
    }
  }
}
