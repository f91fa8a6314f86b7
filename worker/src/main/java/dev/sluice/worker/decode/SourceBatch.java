package dev.sluice.worker.decode;

import static java.util.Objects.requireNonNull;

import dev.sluice.storage.schema.ArrowTypes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Decoded rows: one Arrow vector per needed source column, named after the source column, of the
 * Arrow type of its {@link SourceColumn#type()}.
 *
 * <p>Life cycle: decoders append rows until {@link #isFull()} (a record can append several rows, so
 * a batch may end slightly above its capacity; the vectors grow as needed); {@link #finish()} sets
 * the vectors' value counts so that they can be read; {@link #reset()} empties the batch for the
 * next one, keeping the buffers. {@link #close()} releases them. Not thread-safe.
 */
public final class SourceBatch implements AutoCloseable {

  /** A variable-width buffer that grew beyond this is released on reset, not kept forever. */
  static final long MAX_RETAINED_DATA_BYTES = 16L << 20;

  /** Initial guess of a string's size; the buffers double when it is too small. */
  private static final int INITIAL_BYTES_PER_STRING = 32;

  private final SourceColumns columns;
  private final int capacity;

  // Indexed by source column; null where the column is not needed.
  private final FieldVector[] vectors;
  private final int[] initialValueCapacity;
  private final long[] initialDataBytes;
  private final List<FieldVector> neededVectors;
  private int rowCount;
  private boolean closed;

  /**
   * Allocates the vectors for {@code capacity} rows from {@code allocator}; give it a child
   * allocator with a limit to bound the memory of a task.
   */
  public SourceBatch(SourceColumns columns, BufferAllocator allocator, int capacity) {
    this.columns = requireNonNull(columns, "columns is null");
    requireNonNull(allocator, "allocator is null");
    if (capacity < 1) {
      throw new IllegalArgumentException("batch capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
    this.vectors = new FieldVector[columns.size()];
    this.initialValueCapacity = new int[columns.size()];
    this.initialDataBytes = new long[columns.size()];
    List<FieldVector> needed = new ArrayList<>(columns.neededCount());
    try {
      for (int i = 0; i < columns.size(); i++) {
        SourceColumn column = columns.column(i);
        if (!column.needed()) {
          continue;
        }
        // Named after the table column it feeds, so the batch's vectors can go to the tablet
        // writer as they are, whatever the case of the name in COLUMNS.
        Field field =
            new Field(
                column.tableColumn().orElse(column.name()),
                new FieldType(column.nullable(), ArrowTypes.of(column.type()), null),
                null);
        FieldVector vector = field.createVector(allocator);
        vectors[i] = vector;
        needed.add(vector);
        initialDataBytes[i] =
            (long) capacity
                * Math.max(1, Math.min(column.type().length(), INITIAL_BYTES_PER_STRING));
        allocate(i);
      }
    } catch (RuntimeException e) {
      for (FieldVector vector : needed) {
        vector.close();
      }
      throw e;
    }
    this.neededVectors = Collections.unmodifiableList(needed);
  }

  public SourceColumns columns() {
    return columns;
  }

  /** The number of rows after which the batch counts as full. */
  public int capacity() {
    return capacity;
  }

  /** Rows appended since the last {@link #reset()}. */
  public int rowCount() {
    return rowCount;
  }

  public boolean isFull() {
    return rowCount >= capacity;
  }

  /**
   * The vector of source column {@code index}.
   *
   * @throws IllegalArgumentException if that column is not needed, so has no vector
   */
  public FieldVector vector(int index) {
    FieldVector vector = vectors[index];
    if (vector == null) {
      throw new IllegalArgumentException(
          "source column '" + columns.column(index).name() + "' is not needed, so not decoded");
    }
    return vector;
  }

  /**
   * The vector of the source column named {@code name}, ignoring case.
   *
   * @throws IllegalArgumentException if there is no such column or it is not needed
   */
  public FieldVector vector(String name) {
    int index = columns.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("no source column named '" + name + "'");
    }
    return vector(index);
  }

  /** The vectors of the needed columns, in source order. */
  public List<FieldVector> vectors() {
    return neededVectors;
  }

  /** Sets every vector's value count to {@link #rowCount()}; call before reading the vectors. */
  public void finish() {
    for (FieldVector vector : neededVectors) {
      vector.setValueCount(rowCount);
    }
  }

  /**
   * Empties the batch for the next one. Buffers are kept, so a steady load allocates nothing;
   * buffers that grew far beyond the initial size (an outsized record) are released and allocated
   * afresh so that one such record does not pin its memory for the life of the task.
   */
  public void reset() {
    for (int i = 0; i < vectors.length; i++) {
      FieldVector vector = vectors[i];
      if (vector == null) {
        continue;
      }
      if (oversized(i, vector)) {
        vector.clear();
        allocate(i);
      } else {
        vector.reset();
      }
    }
    rowCount = 0;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (FieldVector vector : neededVectors) {
      vector.close();
    }
  }

  /**
   * Checks that a decoder built for {@code expected} may write here: vectors are found by source
   * column position, so a batch of other columns would get values in the wrong vectors.
   */
  void checkColumns(SourceColumns expected) {
    // Identity first: the usual case costs one comparison per record.
    if (columns != expected && !columns.equals(expected)) {
      throw new IllegalArgumentException(
          "the batch holds source columns "
              + columns.columns()
              + " but the decoder was built for "
              + expected.columns());
    }
  }

  /** The vector of source column {@code index}, or null when it is not needed. */
  FieldVector vectorAt(int index) {
    return vectors[index];
  }

  /** Makes the row being written at {@link #rowCount()} part of the batch. */
  void commitRow() {
    rowCount++;
  }

  /**
   * Drops rows from {@code row} on, including values a rejected row wrote at {@code row}: fixed
   * width slots are simply overwritten by the next row, but a variable-width vector must forget its
   * last written position or the next value would start after the rejected one.
   */
  void rollback(int row) {
    for (FieldVector vector : neededVectors) {
      if (vector instanceof BaseVariableWidthVector variable && variable.getLastSet() >= row) {
        variable.setLastSet(row - 1);
      }
    }
    rowCount = row;
  }

  private void allocate(int index) {
    FieldVector vector = vectors[index];
    if (vector instanceof BaseVariableWidthVector variable) {
      variable.allocateNew(initialDataBytes[index], capacity);
    } else if (vector instanceof BaseFixedWidthVector fixed) {
      fixed.allocateNew(capacity);
    } else {
      throw new IllegalStateException("unexpected vector type " + vector.getClass().getName());
    }
    initialValueCapacity[index] = vector.getValueCapacity();
    if (vector instanceof BaseVariableWidthVector variable) {
      initialDataBytes[index] =
          Math.max(initialDataBytes[index], variable.getDataBuffer().capacity());
    }
  }

  private boolean oversized(int index, FieldVector vector) {
    if (vector.getValueCapacity() > 2L * initialValueCapacity[index]) {
      return true;
    }
    return vector instanceof BaseVariableWidthVector variable
        && variable.getDataBuffer().capacity()
            > Math.max(2 * initialDataBytes[index], MAX_RETAINED_DATA_BYTES);
  }
}
