package dev.sluice.expr.vector;

import static java.util.Objects.requireNonNull;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Copies single rows from vectors of one type into an output vector at the same row, in row order:
 * how CASE and COALESCE pick each row's value from one of several evaluated branches.
 */
final class RowCopier {

  private final FieldVector out;
  private final VarCharWriter strings;
  private final boolean bits;
  private final int width;

  RowCopier(FieldVector out) {
    this.out = requireNonNull(out, "out is null");
    this.strings = out instanceof VarCharVector ? new VarCharWriter((VarCharVector) out) : null;
    this.bits = out instanceof BitVector;
    this.width = strings == null && !bits ? ((BaseFixedWidthVector) out).getTypeWidth() : 0;
  }

  void start(int rows) {
    if (strings != null) {
      strings.start(rows);
    } else {
      Vectors.prepare(out, rows);
    }
  }

  void setNull(int row) {
    if (strings != null) {
      strings.setNull(row);
    } else {
      Validity.clear(out.getValidityBuffer(), row);
    }
  }

  /** Copies {@code row} of {@code source} (NULL included). */
  void copy(FieldVector source, int row) {
    if (!Validity.isSet(source.getValidityBuffer(), row)) {
      setNull(row);
      return;
    }
    if (strings != null) {
      VarCharVector from = (VarCharVector) source;
      int start = from.getStartOffset(row);
      strings.set(row, from.getDataBuffer(), start, from.getStartOffset(row + 1) - start);
      return;
    }
    Validity.set(out.getValidityBuffer(), row);
    ArrowBuf target = out.getDataBuffer();
    ArrowBuf data = source.getDataBuffer();
    if (bits) {
      Validity.set(target, row, Validity.isSet(data, row));
      return;
    }
    long offset = (long) row * width;
    switch (width) {
      case 4 -> target.setInt(offset, data.getInt(offset));
      case 8 -> target.setLong(offset, data.getLong(offset));
      default -> target.setBytes(offset, data, offset, width);
    }
  }

  void finish(int rows) {
    if (strings != null) {
      strings.finish(rows);
    } else {
      out.setValueCount(rows);
    }
  }
}
