package dev.sluice.expr.vector;

import dev.sluice.storage.schema.ColumnType;
import java.math.BigDecimal;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * A literal repeated over the batch. The vector is filled once and only refilled when a batch is
 * larger than any before, so a constant costs nothing per batch.
 *
 * <p>Values by type: BOOLEAN {@link Boolean}, BIGINT and DATETIME (microseconds) {@link Long},
 * DOUBLE {@link Double}, DECIMAL {@link BigDecimal} of the type's scale, DATE (epoch day) {@link
 * Integer}, VARCHAR a UTF-8 {@code byte[]}; null is SQL NULL, allowed for every type.
 */
public final class ConstantKernel extends OwnedVectorExpression<FieldVector> {

  private final Object value;
  private int filledRows = -1;

  public ConstantKernel(ColumnType type, Object value, BufferAllocator allocator) {
    super(type, List.of(), allocator);
    this.value = value;
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    int rows = context.rowCount();
    if (out instanceof VarCharVector) {
      // setValueCount on a VarCharVector moves its last-set marker, so strings are refilled
      // whenever the row count changes.
      if (rows != filledRows) {
        fillStrings((VarCharVector) out, rows);
        filledRows = rows;
      }
      return out;
    }
    if (rows > filledRows) {
      Vectors.prepare(out, rows);
      fillFixed(rows);
      filledRows = rows;
    }
    out.setValueCount(rows);
    return out;
  }

  private void fillStrings(VarCharVector vector, int rows) {
    VarCharWriter writer = new VarCharWriter(vector);
    writer.start(rows);
    byte[] bytes = (byte[]) value;
    for (int row = 0; row < rows; row++) {
      if (bytes == null) {
        writer.setNull(row);
      } else {
        writer.set(row, bytes, 0, bytes.length);
      }
    }
    writer.finish(rows);
  }

  private void fillFixed(int rows) {
    ArrowBuf validity = out.getValidityBuffer();
    if (value == null) {
      Validity.clearAll(validity, rows);
      return;
    }
    Validity.setAll(validity, rows);
    ArrowBuf data = out.getDataBuffer();
    switch (type().kind()) {
      case BOOLEAN -> {
        if ((Boolean) value) {
          data.setOne(0, Validity.bytes(rows));
        } else {
          data.setZero(0, Validity.bytes(rows));
        }
      }
      case BIGINT, DATETIME -> {
        long v = (Long) value;
        for (int row = 0; row < rows; row++) {
          data.setLong((long) row * 8, v);
        }
      }
      case DOUBLE -> {
        double v = (Double) value;
        for (int row = 0; row < rows; row++) {
          data.setDouble((long) row * 8, v);
        }
      }
      case DATE -> {
        int v = (Integer) value;
        for (int row = 0; row < rows; row++) {
          data.setInt((long) row * 4, v);
        }
      }
      case DECIMAL, LARGEINT -> {
        BigDecimal decimal = (BigDecimal) value;
        for (int row = 0; row < rows; row++) {
          DecimalBuffers.set(data, row, decimal.unscaledValue());
        }
      }
      case TINYINT, SMALLINT, INT, FLOAT, CHAR, VARCHAR, STRING ->
          throw new IllegalStateException("constants are computed in " + type() + "'s wider type");
    }
  }
}
