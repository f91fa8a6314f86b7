package dev.sluice.expr.vector;

import dev.sluice.storage.schema.ColumnType;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/** A kernel that writes into one vector of its own type, allocated at construction. */
public abstract class OwnedVectorExpression<V extends FieldVector> extends VectorExpression {

  protected final V out;

  @SuppressWarnings("unchecked")
  protected OwnedVectorExpression(
      ColumnType type, List<VectorExpression> children, BufferAllocator allocator) {
    super(type, children);
    this.out = (V) Vectors.create(type, getClass().getSimpleName(), allocator);
  }

  @Override
  public final List<FieldVector> ownedVectors() {
    return List.of(out);
  }
}
