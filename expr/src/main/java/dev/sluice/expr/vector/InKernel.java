package dev.sluice.expr.vector;

import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.ByteFunctionHelpers;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code value [NOT] IN (constants)} as a binary search in a sorted primitive array (strings: in
 * sorted byte arrays), so a long list costs log(n) per row. SQL semantics: a NULL value gives NULL;
 * no match gives FALSE, or NULL when the list holds a NULL. Lists with non-constant elements, and
 * DECIMAL or BOOLEAN lists, are rewritten by the analyzer into OR-ed comparisons.
 */
public final class InKernel extends OwnedVectorExpression<BitVector> {

  private final TypeKind kind;
  private final boolean negated;
  private final boolean listHasNull;
  private final long[] longs;
  private final double[] doubles;
  private final byte[][] strings;
  private final BitWriter bits = new BitWriter();

  /**
   * @param constants the list's values in the representation of {@link ConstantKernel} for the
   *     value's type, null for NULL
   */
  public InKernel(
      VectorExpression value, List<Object> constants, boolean negated, BufferAllocator allocator) {
    super(ColumnType.of(TypeKind.BOOLEAN), List.of(value), allocator);
    this.kind = value.type().kind();
    this.negated = negated;
    List<Object> present = new ArrayList<>();
    boolean hasNull = false;
    for (Object constant : constants) {
      if (constant == null) {
        hasNull = true;
      } else {
        present.add(constant);
      }
    }
    this.listHasNull = hasNull;
    long[] longValues = null;
    double[] doubleValues = null;
    byte[][] stringValues = null;
    switch (kind) {
      case BIGINT, DATETIME, DATE -> {
        longValues = new long[present.size()];
        for (int i = 0; i < longValues.length; i++) {
          longValues[i] = ((Number) present.get(i)).longValue();
        }
        Arrays.sort(longValues);
      }
      case DOUBLE -> {
        doubleValues = new double[present.size()];
        for (int i = 0; i < doubleValues.length; i++) {
          // + 0.0 turns -0.0 into 0.0, which binarySearch would otherwise tell apart.
          doubleValues[i] = (Double) present.get(i) + 0.0;
        }
        Arrays.sort(doubleValues);
      }
      case VARCHAR -> {
        stringValues = present.toArray(new byte[0][]);
        Arrays.sort(stringValues, Arrays::compareUnsigned);
      }
      default -> throw new IllegalArgumentException("IN over " + kind + " is rewritten to OR");
    }
    this.longs = longValues;
    this.doubles = doubleValues;
    this.strings = stringValues;
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    FieldVector in = child(0).evaluate(context);
    int rows = context.rowCount();
    Vectors.prepare(out, rows);
    ArrowBuf data = in.getDataBuffer();
    bits.start(out.getDataBuffer());
    switch (kind) {
      case BIGINT, DATETIME -> {
        for (int row = 0; row < rows; row++) {
          bits.add(Arrays.binarySearch(longs, data.getLong((long) row * 8)) >= 0);
        }
      }
      case DATE -> {
        for (int row = 0; row < rows; row++) {
          bits.add(Arrays.binarySearch(longs, data.getInt((long) row * 4)) >= 0);
        }
      }
      case DOUBLE -> {
        for (int row = 0; row < rows; row++) {
          bits.add(Arrays.binarySearch(doubles, data.getDouble((long) row * 8) + 0.0) >= 0);
        }
      }
      default -> {
        ArrowBuf offsets = in.getOffsetBuffer();
        for (int row = 0; row < rows; row++) {
          bits.add(
              containsString(
                  data, offsets.getInt((long) row * 4), offsets.getInt((long) (row + 1) * 4)));
        }
      }
    }
    bits.finish();
    // found: TRUE (NOT IN: FALSE); not found: FALSE (NOT IN: TRUE), or NULL if the list has NULL.
    ArrowBuf found = out.getDataBuffer();
    ArrowBuf validity = out.getValidityBuffer();
    ArrowBuf inputValidity = in.getValidityBuffer();
    for (int w = 0; w < Words.count(rows); w++) {
      long hit = Words.read(found, w);
      long valid = Words.read(inputValidity, w);
      Words.write(validity, w, listHasNull ? valid & hit : valid);
      Words.write(found, w, negated ? ~hit : hit);
    }
    out.setValueCount(rows);
    return out;
  }

  private boolean containsString(ArrowBuf data, int start, int end) {
    int low = 0;
    int high = strings.length - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      byte[] candidate = strings[middle];
      int cmp =
          Integer.signum(
              ByteFunctionHelpers.compare(data, start, end, candidate, 0, candidate.length));
      if (cmp == 0) {
        return true;
      }
      if (cmp > 0) {
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return false;
  }
}
