package dev.sluice.expr.vector;

import static java.util.Objects.requireNonNull;

import dev.sluice.storage.schema.ArrowTypes;
import dev.sluice.storage.schema.ColumnType;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** An input vector of the batch, used as it is (no copy). */
public final class ColumnInput extends VectorExpression {

  private final int index;
  private final String name;
  private final ArrowType arrowType;

  public ColumnInput(ColumnType type, int index, String name) {
    super(type, List.of());
    this.index = index;
    this.name = requireNonNull(name, "name is null");
    this.arrowType = ArrowTypes.of(type);
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    FieldVector vector = context.input(index);
    if (vector == null) {
      throw new IllegalArgumentException("the batch has no vector for column '" + name + "'");
    }
    if (!vector.getField().getType().equals(arrowType)) {
      throw new IllegalArgumentException(
          "column '"
              + name
              + "' of type "
              + type()
              + " needs Arrow type "
              + arrowType
              + ", the batch has "
              + vector.getField().getType());
    }
    if (vector.getValueCount() < context.rowCount()) {
      throw new IllegalArgumentException(
          "column '"
              + name
              + "' has "
              + vector.getValueCount()
              + " values, the batch "
              + context.rowCount()
              + " rows");
    }
    return vector;
  }
}
