package dev.sluice.expr.vector;

import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/**
 * AND / OR over two or more BOOLEAN terms, 64 rows per step, with SQL's three-valued logic: AND is
 * FALSE if any term is FALSE, else NULL if any is NULL, else TRUE; OR is the dual. A failed term
 * fails the row only when no other term decides it (a FALSE term of an AND, a TRUE term of an OR),
 * which is what short-circuit evaluation would give whatever the order of the terms.
 */
public final class LogicalKernel extends OwnedVectorExpression<BitVector> {

  private final boolean and;

  public LogicalKernel(boolean and, List<VectorExpression> terms, BufferAllocator allocator) {
    super(ColumnType.of(TypeKind.BOOLEAN), terms, allocator);
    if (terms.size() < 2) {
      throw new IllegalArgumentException("a logical operator needs at least two terms");
    }
    this.and = and;
  }

  @Override
  protected boolean propagatesChildFailures() {
    return false;
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    int terms = childCount();
    FieldVector[] vectors = new FieldVector[terms];
    boolean anyFailures = false;
    for (int t = 0; t < terms; t++) {
      vectors[t] = child(t).evaluate(context);
      anyFailures |= !child(t).failures().isEmpty();
    }
    int rows = context.rowCount();
    Vectors.prepare(out, rows);
    ArrowBuf validity = out.getValidityBuffer();
    ArrowBuf data = out.getDataBuffer();
    for (int w = 0; w < Words.count(rows); w++) {
      // "decided" = some term has the deciding value (FALSE for AND, TRUE for OR);
      // "undecided" = every term has the other value.
      long decided = 0;
      long undecided = -1L;
      long failed = 0;
      for (int t = 0; t < terms; t++) {
        long valid = Words.read(vectors[t].getValidityBuffer(), w);
        long value = Words.read(vectors[t].getDataBuffer(), w);
        long termFailed = anyFailures ? child(t).failures().word(w) : 0L;
        long deciding = and ? ~value : value;
        decided |= valid & deciding & ~termFailed;
        undecided &= valid & ~deciding & ~termFailed;
        failed |= termFailed;
      }
      long rowFailed = failed & ~decided;
      long resultValid = decided | (undecided & ~rowFailed);
      // AND: TRUE exactly where undecided; OR: TRUE exactly where decided.
      long resultValue = and ? undecided & ~decided : decided;
      Words.write(validity, w, resultValid);
      Words.write(data, w, resultValue);
      if (rowFailed != 0) {
        recordFailures(w, rowFailed, rows);
      }
    }
    out.setValueCount(rows);
    return out;
  }

  private void recordFailures(int word, long mask, int rows) {
    while (mask != 0) {
      int row = (word << 6) + Long.numberOfTrailingZeros(mask);
      mask &= mask - 1;
      if (row >= rows) {
        break;
      }
      for (int t = 0; t < childCount(); t++) {
        String reason = child(t).failures().reason(row);
        if (reason != null) {
          fail(row, reason);
          break;
        }
      }
    }
  }
}
