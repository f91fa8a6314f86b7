package dev.sluice.expr.vector;

import dev.sluice.expr.scalar.LikePattern;
import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * {@code value LIKE pattern} and {@code value REGEXP pattern} (a search, as in MySQL, with Java
 * regular expressions). A constant pattern is compiled once; a pattern from a column is compiled
 * per row, reusing the last one when it repeats. A REGEXP pattern that does not compile fails the
 * row in strict mode and is NULL otherwise; LIKE patterns always compile.
 */
public final class LikeKernel extends OwnedVectorExpression<BitVector> {

  private final boolean regexp;
  private final boolean strict;
  private final LikePattern constantLike;
  private final Pattern constantRegexp;
  private final VarCharReader values = new VarCharReader();
  private final VarCharReader patterns = new VarCharReader();
  private final BitWriter bits = new BitWriter();

  private byte[] lastPattern;
  private LikePattern lastLike;
  private Pattern lastRegexp;

  /**
   * @param constantPattern the pattern's UTF-8 bytes when it is a constant, else null
   */
  public LikeKernel(
      boolean regexp,
      VectorExpression value,
      VectorExpression pattern,
      byte[] constantPattern,
      boolean strict,
      BufferAllocator allocator) {
    super(ColumnType.of(TypeKind.BOOLEAN), List.of(value, pattern), allocator);
    this.regexp = regexp;
    this.strict = strict;
    if (constantPattern == null) {
      constantLike = null;
      constantRegexp = null;
    } else if (regexp) {
      constantLike = null;
      constantRegexp = Pattern.compile(new String(constantPattern, StandardCharsets.UTF_8));
    } else {
      constantLike = LikePattern.compile(constantPattern, 0, constantPattern.length);
      constantRegexp = null;
    }
  }

  @Override
  protected FieldVector compute(EvaluationContext context) {
    VarCharVector in = (VarCharVector) child(0).evaluate(context);
    VarCharVector patternVector = (VarCharVector) child(1).evaluate(context);
    int rows = context.rowCount();
    Vectors.prepare(out, rows);
    ArrowBuf validity = out.getValidityBuffer();
    Validity.and(in.getValidityBuffer(), patternVector.getValidityBuffer(), validity, rows);
    bits.start(out.getDataBuffer());
    for (int row = 0; row < rows; row++) {
      if (!Validity.isSet(validity, row)) {
        bits.add(false);
        continue;
      }
      int length = values.load(in, row);
      if (regexp) {
        Pattern pattern = constantRegexp != null ? constantRegexp : regexpOf(patternVector, row);
        if (pattern == null) {
          bits.add(false);
          Validity.clear(validity, row);
          continue;
        }
        String text = new String(values.bytes(), 0, length, StandardCharsets.UTF_8);
        bits.add(pattern.matcher(text).find());
      } else {
        LikePattern pattern = constantLike != null ? constantLike : likeOf(patternVector, row);
        bits.add(pattern.matches(values.bytes(), 0, length));
      }
    }
    bits.finish();
    out.setValueCount(rows);
    return out;
  }

  private boolean samePattern(VarCharVector patternVector, int row) {
    int length = patterns.load(patternVector, row);
    return lastPattern != null
        && Arrays.equals(lastPattern, 0, lastPattern.length, patterns.bytes(), 0, length);
  }

  private LikePattern likeOf(VarCharVector patternVector, int row) {
    if (!samePattern(patternVector, row)) {
      lastPattern = Arrays.copyOf(patterns.bytes(), patterns.length());
      lastLike = LikePattern.compile(lastPattern, 0, lastPattern.length);
    }
    return lastLike;
  }

  private Pattern regexpOf(VarCharVector patternVector, int row) {
    if (!samePattern(patternVector, row)) {
      lastPattern = Arrays.copyOf(patterns.bytes(), patterns.length());
      try {
        lastRegexp = Pattern.compile(new String(lastPattern, StandardCharsets.UTF_8));
      } catch (PatternSyntaxException e) {
        lastRegexp = null;
      }
    }
    if (lastRegexp == null && strict) {
      fail(row, "invalid regular expression " + Reasons.quote(lastPattern, 0, lastPattern.length));
    }
    return lastRegexp;
  }
}
