package dev.sluice.storage.tablet;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.sluice.storage.schema.TableColumn;
import dev.sluice.storage.schema.TableSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
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
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A table with every column type, and a deterministic value (or null) for each row id and column,
 * as the Java object DuckDB's JDBC driver returns for it.
 */
final class TestTable {

  static final TableSchema SCHEMA =
      TableSchema.of(
          TableColumn.of("id", "INT", false),
          TableColumn.of("b", "BOOLEAN", true),
          TableColumn.of("i8", "tinyint(4)", true),
          TableColumn.of("i16", "SMALLINT", true),
          TableColumn.of("i64", "bigint(20)", true),
          TableColumn.of("big", "LARGEINT", true),
          TableColumn.of("f", "FLOAT", true),
          TableColumn.of("d", "DOUBLE", true),
          TableColumn.of("dec_s", "DECIMAL(9,2)", true),
          TableColumn.of("dec_m", "DECIMAL64(18,4)", true),
          TableColumn.of("dec_x", "DECIMAL(20,3)", true),
          TableColumn.of("dec_l", "decimal128(38,10)", true),
          TableColumn.of("dt", "DATE", true),
          TableColumn.of("ts", "DATETIME", true),
          TableColumn.of("c", "CHAR(10)", true),
          TableColumn.of("v", "VARCHAR(100)", true),
          TableColumn.of("s", "STRING", false),
          TableColumn.of("nothing", "INT", true));

  /** What DuckDB's DESCRIBE reports per column. */
  static final List<String> DUCKDB_TYPES =
      List.of(
          "INTEGER",
          "BOOLEAN",
          "TINYINT",
          "SMALLINT",
          "BIGINT",
          "DECIMAL(38,0)",
          "FLOAT",
          "DOUBLE",
          "DECIMAL(9,2)",
          "DECIMAL(18,4)",
          "DECIMAL(20,3)",
          "DECIMAL(38,10)",
          "DATE",
          "TIMESTAMP",
          "VARCHAR",
          "VARCHAR",
          "VARCHAR",
          "INTEGER");

  private static final BigInteger TEN_POW_30 = BigInteger.TEN.pow(30);
  private static final BigInteger TEN_POW_20 = BigInteger.TEN.pow(20);

  private TestTable() {}

  static int columnCount() {
    return SCHEMA.size();
  }

  /** The expected value of column {@code column} in row {@code id}, null for SQL NULL. */
  static Object value(int id, int column) {
    long sign = id % 2 == 0 ? 1 : -1;
    return switch (SCHEMA.column(column).name()) {
      case "id" -> id;
      case "b" -> id % 7 == 0 ? null : id % 3 == 0;
      case "i8" -> id % 11 == 0 ? null : (byte) (id % 256 - 128);
      case "i16" -> id % 13 == 0 ? null : (short) (id * 31 % 65536 - 32768);
      case "i64" -> id % 5 == 0 ? null : id * 1_000_000_007L * sign;
      case "big" ->
          id % 17 == 0
              ? null
              : new BigDecimal(
                  BigInteger.valueOf(id)
                      .pow(3)
                      .multiply(TEN_POW_20)
                      .multiply(BigInteger.valueOf(sign)),
                  0);
      case "f" -> id % 19 == 0 ? null : id * 0.25f - 100;
      case "d" -> id % 23 == 0 ? null : id * 1.5e-3 - 7;
      case "dec_s" -> id % 3 == 1 ? null : BigDecimal.valueOf(id * 12_345L % 999_999_999 * sign, 2);
      case "dec_m" -> id % 4 == 1 ? null : BigDecimal.valueOf(id * 123_456_789_012L * sign, 4);
      case "dec_x" ->
          id % 9 == 2
              ? null
              : new BigDecimal(
                  BigInteger.valueOf(id * 1_000_000_000_000_000L + 7)
                      .multiply(BigInteger.valueOf(sign)),
                  3);
      case "dec_l" ->
          id % 6 == 5
              ? null
              : new BigDecimal(
                  BigInteger.valueOf(id)
                      .multiply(TEN_POW_30)
                      .add(BigInteger.valueOf(id))
                      .multiply(BigInteger.valueOf(sign)),
                  10);
      case "dt" -> id % 29 == 0 ? null : LocalDate.ofEpochDay(id % 40_000 - 20_000);
      case "ts" -> id % 31 == 0 ? null : micros(id * 86_400_123_457L - 1_000_000_000_000_000L);
      case "c" -> id % 3 == 0 ? null : "c" + id % 1000;
      case "v" -> id % 41 == 0 ? null : id % 37 == 0 ? "" : "välue-" + id + "-✓";
      case "s" -> "s" + id % 50;
      case "nothing" -> null;
      default -> throw new IllegalArgumentException("no column " + column);
    };
  }

  static List<Object> row(int id) {
    List<Object> row = new ArrayList<>(columnCount());
    for (int c = 0; c < columnCount(); c++) {
      row.add(value(id, c));
    }
    return row;
  }

  static LocalDateTime micros(long micros) {
    return LocalDateTime.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L),
        (int) Math.floorMod(micros, 1_000_000L) * 1000,
        ZoneOffset.UTC);
  }

  /** A batch holding rows {@code firstId .. firstId + rows - 1}, in order. */
  static VectorSchemaRoot batch(BufferAllocator allocator, int firstId, int rows) {
    VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA.arrowSchema(), allocator);
    root.allocateNew();
    for (int r = 0; r < rows; r++) {
      int id = firstId + r;
      for (int c = 0; c < columnCount(); c++) {
        set(root.getVector(c), r, value(id, c));
      }
    }
    root.setRowCount(rows);
    return root;
  }

  static void set(FieldVector vector, int index, Object value) {
    if (value == null) {
      if (vector instanceof VarCharVector varchar) {
        varchar.setNull(index);
        varchar.setValueCount(Math.max(varchar.getValueCount(), index + 1));
        return;
      }
      vector.setNull(index);
      return;
    }
    if (vector instanceof IntVector v) {
      v.setSafe(index, (Integer) value);
    } else if (vector instanceof BitVector v) {
      v.setSafe(index, (Boolean) value ? 1 : 0);
    } else if (vector instanceof TinyIntVector v) {
      v.setSafe(index, (Byte) value);
    } else if (vector instanceof SmallIntVector v) {
      v.setSafe(index, (Short) value);
    } else if (vector instanceof BigIntVector v) {
      v.setSafe(index, (Long) value);
    } else if (vector instanceof Float4Vector v) {
      v.setSafe(index, (Float) value);
    } else if (vector instanceof Float8Vector v) {
      v.setSafe(index, (Double) value);
    } else if (vector instanceof DecimalVector v) {
      v.setSafe(index, (BigDecimal) value);
    } else if (vector instanceof DateDayVector v) {
      v.setSafe(index, (int) ((LocalDate) value).toEpochDay());
    } else if (vector instanceof TimeStampMicroVector v) {
      LocalDateTime time = (LocalDateTime) value;
      v.setSafe(index, time.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + time.getNano() / 1000);
    } else if (vector instanceof VarCharVector v) {
      v.setSafe(index, ((String) value).getBytes(UTF_8));
    } else {
      throw new IllegalArgumentException("unexpected vector " + vector.getClass());
    }
  }
}
