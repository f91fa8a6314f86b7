package dev.sluice.expr.vector;

import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * TINYINT, SMALLINT and INT to BIGINT, FLOAT to DOUBLE: expressions compute in the wide types, so
 * narrower columns are widened once on the way in. Exact; never fails.
 */
public final class WidenKernel extends OwnedVectorExpression<FieldVector> {

  private final TypeKind from;

  public WidenKernel(VectorExpression input, BufferAllocator allocator) {
    super(wideType(input.type().kind()), List.of(input), allocator);
    this.from = input.type().kind();
  }

  private static ColumnType wideType(TypeKind kind) {
    switch (kind) {
      case TINYINT:
      case SMALLINT:
      case INT:
        return ColumnType.of(TypeKind.BIGINT);
      case FLOAT:
        return ColumnType.of(TypeKind.DOUBLE);
      default:
        throw new IllegalArgumentException("nothing to widen: " + kind);
    }
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    FieldVector in = child(0).evaluate(context);
    int rows = context.rowCount();
    Vectors.prepare(out, rows);
    Validity.copy(in.getValidityBuffer(), out.getValidityBuffer(), rows);
    long target = Raw.address(out.getDataBuffer(), rows, 8);
    switch (from) {
      case TINYINT -> {
        long source = Raw.address(in.getDataBuffer(), rows, 1);
        for (int row = 0; row < rows; row++) {
          Raw.putLong(target, row, Raw.getByte(source, row));
        }
      }
      case SMALLINT -> {
        long source = Raw.address(in.getDataBuffer(), rows, 2);
        for (int row = 0; row < rows; row++) {
          Raw.putLong(target, row, Raw.getShort(source, row));
        }
      }
      case INT -> {
        long source = Raw.address(in.getDataBuffer(), rows, 4);
        for (int row = 0; row < rows; row++) {
          Raw.putLong(target, row, Raw.getInt(source, row));
        }
      }
      default -> {
        long source = Raw.address(in.getDataBuffer(), rows, 4);
        for (int row = 0; row < rows; row++) {
          Raw.putDouble(target, row, Float.intBitsToFloat(Raw.getInt(source, row)));
        }
      }
    }
    out.setValueCount(rows);
    return out;
  }
}
