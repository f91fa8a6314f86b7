package dev.sluice.storage.schema;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Column types as Arrow types: integers as signed Int of their width, LARGEINT and DECIMAL as
 * 128-bit Decimal (LARGEINT as Decimal(38,0)), DATE as DateDay, DATETIME as microsecond Timestamp
 * without time zone, strings as Utf8.
 */
public final class ArrowTypes {

  private static final int DECIMAL_BIT_WIDTH = 128;

  private ArrowTypes() {}

  public static ArrowType of(ColumnType type) {
    return switch (type.kind()) {
      case BOOLEAN -> ArrowType.Bool.INSTANCE;
      case TINYINT -> new ArrowType.Int(8, true);
      case SMALLINT -> new ArrowType.Int(16, true);
      case INT -> new ArrowType.Int(32, true);
      case BIGINT -> new ArrowType.Int(64, true);
      case LARGEINT -> new ArrowType.Decimal(ColumnType.LARGEINT_PRECISION, 0, DECIMAL_BIT_WIDTH);
      case FLOAT -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
      case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case DECIMAL -> new ArrowType.Decimal(type.precision(), type.scale(), DECIMAL_BIT_WIDTH);
      case DATE -> new ArrowType.Date(DateUnit.DAY);
      case DATETIME -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
      case CHAR, VARCHAR, STRING -> ArrowType.Utf8.INSTANCE;
    };
  }

  public static Field field(TableColumn column) {
    return new Field(
        column.name(), new FieldType(column.nullable(), of(column.type()), null), null);
  }

  public static Schema schema(TableSchema schema) {
    List<Field> fields = new ArrayList<>(schema.size());
    for (TableColumn column : schema.columns()) {
      fields.add(field(column));
    }
    return new Schema(fields);
  }
}
