package dev.sluice.expr.vector;

import dev.sluice.storage.schema.ArrowTypes;
import dev.sluice.storage.schema.ColumnType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/** Creating, sizing and copying the vectors kernels and evaluators own. */
public final class Vectors {

  /** Rows allocated at least, so tiny first batches do not cause a series of reallocations. */
  private static final int MIN_ROWS = 64;

  private Vectors() {}

  /** A nullable vector of the Arrow type of {@code type} (see {@link ArrowTypes}). */
  public static FieldVector create(ColumnType type, String name, BufferAllocator allocator) {
    return create(type, name, true, allocator);
  }

  public static FieldVector create(
      ColumnType type, String name, boolean nullable, BufferAllocator allocator) {
    return new Field(name, new FieldType(nullable, ArrowTypes.of(type), null), null)
        .createVector(allocator);
  }

  /**
   * Makes a fixed-width vector hold at least {@code rows} rows; it only grows, so after the largest
   * batch no more allocation happens. Contents are kept but not meaningful: kernels overwrite every
   * row, validity included.
   */
  public static void prepare(FieldVector vector, int rows) {
    if (vector instanceof BaseFixedWidthVector) {
      BaseFixedWidthVector fixed = (BaseFixedWidthVector) vector;
      if (fixed.getValueCapacity() < rows) {
        if (fixed.getValueCapacity() == 0) {
          fixed.allocateNew(Math.max(rows, MIN_ROWS));
        }
        while (fixed.getValueCapacity() < rows) {
          fixed.reAlloc();
        }
      }
      return;
    }
    throw new IllegalArgumentException("not a fixed-width vector: " + vector.getField());
  }

  /**
   * Copies rows [0, rows) of {@code source} into {@code target} of the same type, buffer by buffer
   * (used when a result vector is not ours to hand out under another name).
   */
  public static void copy(FieldVector source, FieldVector target, int rows) {
    if (source instanceof BaseVariableWidthVector) {
      BaseVariableWidthVector from = (BaseVariableWidthVector) source;
      VarCharWriter writer = new VarCharWriter((org.apache.arrow.vector.VarCharVector) target);
      writer.start(rows);
      for (int row = 0; row < rows; row++) {
        if (from.isNull(row)) {
          writer.setNull(row);
        } else {
          int start = from.getStartOffset(row);
          writer.set(row, from.getDataBuffer(), start, from.getStartOffset(row + 1) - start);
        }
      }
      writer.finish(rows);
      return;
    }
    prepare(target, rows);
    Validity.copy(source.getValidityBuffer(), target.getValidityBuffer(), rows);
    long bytes =
        source instanceof BitVector
            ? Validity.bytes(rows)
            : (long) ((BaseFixedWidthVector) source).getTypeWidth() * rows;
    target.getDataBuffer().setBytes(0, source.getDataBuffer(), 0, bytes);
    target.setValueCount(rows);
  }
}
