package dev.sluice.expr.vector;

import dev.sluice.expr.scalar.DateFormat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.arrow.vector.VarCharVector;

/**
 * The date format of a row: the constant one compiled by the analyzer, or, when the format comes
 * from a column, the last compiled one as long as rows repeat it (they nearly always do).
 */
final class FormatCache {

  private final DateFormat constant;
  private final VarCharReader reader = new VarCharReader();
  private byte[] lastText;
  private DateFormat last;

  FormatCache(DateFormat constant) {
    this.constant = constant;
  }

  boolean isConstant() {
    return constant != null;
  }

  DateFormat format(VarCharVector formats, int row) {
    if (constant != null) {
      return constant;
    }
    int length = reader.load(formats, row);
    if (lastText == null
        || !Arrays.equals(lastText, 0, lastText.length, reader.bytes(), 0, length)) {
      lastText = Arrays.copyOf(reader.bytes(), length);
      last = DateFormat.compile(new String(lastText, StandardCharsets.UTF_8));
    }
    return last;
  }
}
