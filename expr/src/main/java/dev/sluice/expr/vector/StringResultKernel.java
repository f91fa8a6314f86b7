package dev.sluice.expr.vector;

import dev.sluice.expr.scalar.ByteBuilder;
import dev.sluice.storage.schema.ColumnType;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Base of the string functions: evaluates the arguments, then builds each row's value in a reused
 * {@link ByteBuilder} and appends it to the output. By default a NULL argument makes the row NULL
 * without calling {@link #computeRow}.
 */
public abstract class StringResultKernel extends OwnedVectorExpression<VarCharVector> {

  private final VarCharWriter writer;
  private final FieldVector[] arguments;
  private final VarCharReader[] readers;

  /** The value being built for the current row. */
  protected final ByteBuilder text = new ByteBuilder();

  protected StringResultKernel(
      ColumnType type, List<VectorExpression> arguments, BufferAllocator allocator) {
    super(type, arguments, allocator);
    this.writer = new VarCharWriter(out);
    this.arguments = new FieldVector[arguments.size()];
    this.readers = new VarCharReader[arguments.size()];
    for (int i = 0; i < readers.length; i++) {
      readers[i] = new VarCharReader();
    }
  }

  /** False for functions that look at NULL arguments themselves, like concat_ws. */
  protected boolean nullIfAnyArgumentIsNull() {
    return true;
  }

  /** Appends the row's value to {@link #text}; returns false for NULL. */
  protected abstract boolean computeRow(int row);

  @Override
  protected final FieldVector compute(EvaluationContext context) {
    for (int i = 0; i < arguments.length; i++) {
      arguments[i] = child(i).evaluate(context);
    }
    int rows = context.rowCount();
    boolean nullIfNull = nullIfAnyArgumentIsNull();
    writer.start(rows);
    rowLoop:
    for (int row = 0; row < rows; row++) {
      if (nullIfNull) {
        for (FieldVector argument : arguments) {
          if (!Validity.isSet(argument.getValidityBuffer(), row)) {
            writer.setNull(row);
            continue rowLoop;
          }
        }
      }
      text.reset();
      if (computeRow(row)) {
        writer.set(row, text.bytes(), 0, text.length());
      } else {
        writer.setNull(row);
      }
    }
    writer.finish(rows);
    return out;
  }

  protected final int argumentCount() {
    return arguments.length;
  }

  protected final boolean isNull(int argument, int row) {
    return !Validity.isSet(arguments[argument].getValidityBuffer(), row);
  }

  /** Loads a VARCHAR argument; its bytes are then in {@link #bytes(int)}. Returns the length. */
  protected final int load(int argument, int row) {
    return readers[argument].load((VarCharVector) arguments[argument], row);
  }

  protected final byte[] bytes(int argument) {
    return readers[argument].bytes();
  }

  protected final long longArgument(int argument, int row) {
    return arguments[argument].getDataBuffer().getLong((long) row * 8);
  }
}
