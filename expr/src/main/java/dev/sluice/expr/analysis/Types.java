package dev.sluice.expr.analysis;

import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;

/**
 * The types expressions compute in. Every column type has a wide "computation" type: TINYINT,
 * SMALLINT, INT and BIGINT compute as BIGINT, FLOAT and DOUBLE as DOUBLE, LARGEINT as DECIMAL(38,0)
 * (the same 128-bit Arrow layout), CHAR, VARCHAR(n) and STRING as VARCHAR (lengths only matter when
 * a value is stored); BOOLEAN, DECIMAL(p,s), DATE and DATETIME are their own. Fewer types mean
 * fewer kernels, and BIGINT and DOUBLE arithmetic is what StarRocks promotes to anyway.
 */
public final class Types {

  public static final ColumnType BOOLEAN = ColumnType.of(TypeKind.BOOLEAN);
  public static final ColumnType BIGINT = ColumnType.of(TypeKind.BIGINT);
  public static final ColumnType DOUBLE = ColumnType.of(TypeKind.DOUBLE);
  public static final ColumnType DATE = ColumnType.of(TypeKind.DATE);
  public static final ColumnType DATETIME = ColumnType.of(TypeKind.DATETIME);

  /** All strings inside expressions. */
  public static final ColumnType VARCHAR = ColumnType.varchar(ColumnType.MAX_VARCHAR_LENGTH);

  /** A BIGINT as a decimal: 19 digits. */
  public static final ColumnType BIGINT_DECIMAL = ColumnType.decimal(19, 0);

  public static final ColumnType LARGEINT_DECIMAL =
      ColumnType.decimal(ColumnType.LARGEINT_PRECISION, 0);

  public static final int MAX_PRECISION = ColumnType.MAX_DECIMAL_PRECISION;

  private Types() {}

  /** The computation type of {@code type}. */
  public static ColumnType wide(ColumnType type) {
    return switch (type.kind()) {
      case TINYINT, SMALLINT, INT, BIGINT -> BIGINT;
      case FLOAT, DOUBLE -> DOUBLE;
      case LARGEINT -> LARGEINT_DECIMAL;
      case CHAR, VARCHAR, STRING -> VARCHAR;
      case BOOLEAN, DECIMAL, DATE, DATETIME -> type;
    };
  }

  public static boolean isWide(ColumnType type) {
    return wide(type).equals(type);
  }

  public static boolean isString(ColumnType type) {
    return type.kind() == TypeKind.CHAR
        || type.kind() == TypeKind.VARCHAR
        || type.kind() == TypeKind.STRING;
  }

  /** BIGINT, DOUBLE or DECIMAL (after widening). */
  public static boolean isNumeric(ColumnType type) {
    TypeKind kind = wide(type).kind();
    return kind == TypeKind.BIGINT || kind == TypeKind.DOUBLE || kind == TypeKind.DECIMAL;
  }

  public static boolean isTemporal(ColumnType type) {
    return type.kind() == TypeKind.DATE || type.kind() == TypeKind.DATETIME;
  }

  public static ColumnType decimal(int precision, int scale) {
    int p = Math.min(MAX_PRECISION, Math.max(1, precision));
    int s = Math.min(p, Math.max(0, scale));
    return ColumnType.decimal(p, s);
  }

  /** How types read in messages: the SQL name, VARCHAR for any string inside expressions. */
  public static String describe(ColumnType type) {
    return type.equals(VARCHAR) ? "VARCHAR" : type.toString();
  }
}
