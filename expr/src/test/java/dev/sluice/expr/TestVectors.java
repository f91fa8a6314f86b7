package dev.sluice.expr;

import dev.sluice.storage.schema.ArrowTypes;
import dev.sluice.storage.schema.ColumnType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Builds Arrow vectors from Java values and reads them back, the way the worker's decoder and the
 * tablet writer see them. Values: Long / Integer for integers, Double, BigDecimal, String, Boolean,
 * LocalDate, LocalDateTime, null.
 */
final class TestVectors {

  private TestVectors() {}

  static FieldVector vector(
      BufferAllocator allocator, String name, ColumnType type, List<?> values) {
    FieldVector vector =
        new Field(name, new FieldType(true, ArrowTypes.of(type), null), null)
            .createVector(allocator);
    vector.allocateNew();
    for (int row = 0; row < values.size(); row++) {
      Object value = values.get(row);
      if (value == null) {
        setNull(vector, row);
      } else {
        set(vector, type, row, value);
      }
    }
    vector.setValueCount(values.size());
    return vector;
  }

  private static void setNull(FieldVector vector, int row) {
    if (vector instanceof VarCharVector) {
      ((VarCharVector) vector).setNull(row);
      return;
    }
    while (vector.getValueCapacity() <= row) {
      vector.reAlloc();
    }
    vector.setNull(row);
  }

  private static void set(FieldVector vector, ColumnType type, int row, Object value) {
    switch (type.kind()) {
      case BOOLEAN -> ((BitVector) vector).setSafe(row, (Boolean) value ? 1 : 0);
      case TINYINT -> ((TinyIntVector) vector).setSafe(row, ((Number) value).byteValue());
      case SMALLINT -> ((SmallIntVector) vector).setSafe(row, ((Number) value).shortValue());
      case INT -> ((IntVector) vector).setSafe(row, ((Number) value).intValue());
      case BIGINT -> ((BigIntVector) vector).setSafe(row, ((Number) value).longValue());
      case FLOAT -> ((Float4Vector) vector).setSafe(row, ((Number) value).floatValue());
      case DOUBLE -> ((Float8Vector) vector).setSafe(row, ((Number) value).doubleValue());
      case DECIMAL, LARGEINT -> {
        BigDecimal decimal =
            value instanceof BigDecimal ? (BigDecimal) value : new BigDecimal(value.toString());
        ((DecimalVector) vector)
            .setSafe(row, decimal.setScale(type.scale(), RoundingMode.UNNECESSARY));
      }
      case DATE -> ((DateDayVector) vector).setSafe(row, (int) ((LocalDate) value).toEpochDay());
      case DATETIME -> {
        LocalDateTime time = (LocalDateTime) value;
        long micros = time.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + time.getNano() / 1000;
        ((TimeStampMicroVector) vector).setSafe(row, micros);
      }
      case CHAR, VARCHAR, STRING ->
          ((VarCharVector) vector).setSafe(row, value.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The value of a row as a Java object (integers as Long). */
  static Object value(FieldVector vector, int row) {
    if (vector.isNull(row)) {
      return null;
    }
    if (vector instanceof DateDayVector) {
      return LocalDate.ofEpochDay(((DateDayVector) vector).get(row));
    }
    if (vector instanceof TimeStampMicroVector) {
      long micros = ((TimeStampMicroVector) vector).get(row);
      return LocalDateTime.ofEpochSecond(
          Math.floorDiv(micros, 1_000_000L),
          (int) Math.floorMod(micros, 1_000_000L) * 1000,
          ZoneOffset.UTC);
    }
    if (vector instanceof VarCharVector) {
      return new String(((VarCharVector) vector).get(row), StandardCharsets.UTF_8);
    }
    if (vector instanceof TinyIntVector
        || vector instanceof SmallIntVector
        || vector instanceof IntVector
        || vector instanceof BigIntVector) {
      return ((Number) vector.getObject(row)).longValue();
    }
    return vector.getObject(row);
  }

  static List<Object> values(FieldVector vector, int rows) {
    List<Object> values = new ArrayList<>(rows);
    for (int row = 0; row < rows; row++) {
      values.add(value(vector, row));
    }
    return values;
  }
}
