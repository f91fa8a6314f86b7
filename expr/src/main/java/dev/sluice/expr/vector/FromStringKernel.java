package dev.sluice.expr.vector;

import dev.sluice.expr.scalar.Ascii;
import dev.sluice.expr.scalar.DateTimeText;
import dev.sluice.expr.scalar.Decimals;
import dev.sluice.expr.scalar.NumberText;
import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.math.BigInteger;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Text to BOOLEAN, BIGINT, DOUBLE, DECIMAL, DATE or DATETIME with the decoder's rules (see {@link
 * NumberText} and {@link DateTimeText}; BOOLEAN is {@code true} / {@code false} / {@code 1} /
 * {@code 0}; DATE accepts a date-time and drops the time). Text that does not convert fails the row
 * in strict mode and becomes NULL otherwise.
 */
public final class FromStringKernel extends OwnedVectorExpression<FieldVector> {

  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

  private final boolean strict;
  private final VarCharReader reader = new VarCharReader();
  private final NumberText numbers = new NumberText();
  private final DateTimeText dates = new DateTimeText();

  public FromStringKernel(
      VectorExpression input, ColumnType target, boolean strict, BufferAllocator allocator) {
    super(target, List.of(input), allocator);
    this.strict = strict;
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    VarCharVector in = (VarCharVector) child(0).evaluate(context);
    int rows = context.rowCount();
    Vectors.prepare(out, rows);
    ArrowBuf validity = out.getValidityBuffer();
    Validity.copy(in.getValidityBuffer(), validity, rows);
    ArrowBuf target = out.getDataBuffer();
    TypeKind to = type().kind();
    if (to == TypeKind.BOOLEAN) {
      target.setZero(0, Validity.bytes(rows));
    }
    for (int row = 0; row < rows; row++) {
      if (!Validity.isSet(validity, row)) {
        continue;
      }
      int length = reader.load(in, row);
      byte[] bytes = reader.bytes();
      boolean ok = convert(to, bytes, length, target, row);
      if (!ok) {
        Validity.clear(validity, row);
        if (strict) {
          fail(row, Reasons.cannotConvert(Reasons.quote(bytes, 0, length), type().toString()));
        }
      }
    }
    out.setValueCount(rows);
    return out;
  }

  private boolean convert(TypeKind to, byte[] bytes, int length, ArrowBuf target, int row) {
    switch (to) {
      case BOOLEAN:
        return parseBoolean(bytes, length, target, row);
      case BIGINT:
        if (!numbers.parseLong(bytes, 0, length)) {
          return false;
        }
        target.setLong((long) row * 8, numbers.longValue());
        return true;
      case DOUBLE:
        if (!numbers.parseDouble(bytes, 0, length)) {
          return false;
        }
        target.setDouble((long) row * 8, numbers.doubleValue());
        return true;
      case DECIMAL:
        return parseDecimal(bytes, length, target, row);
      case DATE:
        if (!dates.parse(bytes, 0, length)) {
          return false;
        }
        target.setInt((long) row * 4, dates.epochDay());
        return true;
      case DATETIME:
        if (!dates.parse(bytes, 0, length)) {
          return false;
        }
        target.setLong((long) row * 8, dates.micros());
        return true;
      default:
        throw new IllegalStateException("cannot parse " + to);
    }
  }

  private boolean parseBoolean(byte[] bytes, int length, ArrowBuf target, int row) {
    int from = Ascii.trimStart(bytes, 0, length);
    int to = Ascii.trimEnd(bytes, from, length);
    if ((to - from == 1 && bytes[from] == '1') || Ascii.equalsIgnoreCase(bytes, from, to, TRUE)) {
      Validity.set(target, row);
      return true;
    }
    return (to - from == 1 && bytes[from] == '0') || Ascii.equalsIgnoreCase(bytes, from, to, FALSE);
  }

  private boolean parseDecimal(byte[] bytes, int length, ArrowBuf target, int row) {
    if (!numbers.parseDecimal(bytes, 0, length, type().scale())) {
      return false;
    }
    BigInteger big = numbers.bigUnscaled();
    if (big == null) {
      if (!Decimals.fits(numbers.unscaled(), type().precision())) {
        return false;
      }
      DecimalBuffers.set(target, row, numbers.unscaled());
      return true;
    }
    if (!Decimals.fits(big, type().precision())) {
      return false;
    }
    DecimalBuffers.set(target, row, big);
    return true;
  }
}
