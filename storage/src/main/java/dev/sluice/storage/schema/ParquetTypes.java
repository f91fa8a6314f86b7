package dev.sluice.storage.schema;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.ColumnOrder;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Column types as Parquet columns, chosen so that readers (DuckDB, Spark, StarRocks external
 * tables) see the same SQL types: TINYINT and SMALLINT as annotated INT32, DECIMAL in the smallest
 * physical type its precision fits (INT32 to 9 digits, INT64 to 18, else a fixed-length byte array)
 * as the Parquet spec recommends, DATE as INT32 days, DATETIME as INT64 microseconds not adjusted
 * to UTC, strings as UTF-8 BINARY. Nullable columns are OPTIONAL, NOT NULL ones REQUIRED.
 */
public final class ParquetTypes {

  /** The name of the root message; what most writers use. */
  public static final String MESSAGE_NAME = "schema";

  public static final int MAX_INT32_DECIMAL_PRECISION = 9;
  public static final int MAX_INT64_DECIMAL_PRECISION = 18;

  private ParquetTypes() {}

  public static PrimitiveType of(TableColumn column) {
    Type.Repetition repetition =
        column.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
    ColumnType type = column.type();
    return switch (type.kind()) {
      case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(column.name());
      case TINYINT ->
          Types.primitive(PrimitiveTypeName.INT32, repetition)
              .as(LogicalTypeAnnotation.intType(8, true))
              .named(column.name());
      case SMALLINT ->
          Types.primitive(PrimitiveTypeName.INT32, repetition)
              .as(LogicalTypeAnnotation.intType(16, true))
              .named(column.name());
      case INT -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(column.name());
      case BIGINT -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(column.name());
      case LARGEINT -> decimal(column.name(), repetition, ColumnType.LARGEINT_PRECISION, 0);
      case FLOAT -> floatingPoint(PrimitiveTypeName.FLOAT, repetition, column.name());
      case DOUBLE -> floatingPoint(PrimitiveTypeName.DOUBLE, repetition, column.name());
      case DECIMAL -> decimal(column.name(), repetition, type.precision(), type.scale());
      case DATE ->
          Types.primitive(PrimitiveTypeName.INT32, repetition)
              .as(LogicalTypeAnnotation.dateType())
              .named(column.name());
      case DATETIME ->
          Types.primitive(PrimitiveTypeName.INT64, repetition)
              .as(LogicalTypeAnnotation.timestampType(false, TimeUnit.MICROS))
              .named(column.name());
      case CHAR, VARCHAR, STRING ->
          Types.primitive(PrimitiveTypeName.BINARY, repetition)
              .as(LogicalTypeAnnotation.stringType())
              .named(column.name());
    };
  }

  public static MessageType schema(TableSchema schema) {
    List<Type> fields = new ArrayList<>(schema.size());
    for (TableColumn column : schema.columns()) {
      fields.add(of(column));
    }
    return new MessageType(MESSAGE_NAME, fields);
  }

  /** The fewest bytes holding every signed value of {@code precision} decimal digits. */
  public static int decimalBytes(int precision) {
    BigInteger limit = BigInteger.TEN.pow(precision);
    int bytes = 1;
    // Two's complement in n bytes holds magnitudes below 2^(8n - 1).
    while (BigInteger.ONE.shiftLeft(8 * bytes - 1).compareTo(limit) < 0) {
      bytes++;
    }
    return bytes;
  }

  /**
   * Parquet 1.18 defaults floating point columns to the new IEEE 754 total order, whose statistics
   * older readers ignore; the type-defined order is understood everywhere and keeps NaN out of min
   * and max.
   */
  private static PrimitiveType floatingPoint(
      PrimitiveTypeName type, Type.Repetition repetition, String name) {
    return Types.primitive(type, repetition).columnOrder(ColumnOrder.typeDefined()).named(name);
  }

  private static PrimitiveType decimal(
      String name, Type.Repetition repetition, int precision, int scale) {
    LogicalTypeAnnotation annotation = LogicalTypeAnnotation.decimalType(scale, precision);
    if (precision <= MAX_INT32_DECIMAL_PRECISION) {
      return Types.primitive(PrimitiveTypeName.INT32, repetition).as(annotation).named(name);
    }
    if (precision <= MAX_INT64_DECIMAL_PRECISION) {
      return Types.primitive(PrimitiveTypeName.INT64, repetition).as(annotation).named(name);
    }
    return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
        .length(decimalBytes(precision))
        .as(annotation)
        .named(name);
  }
}
