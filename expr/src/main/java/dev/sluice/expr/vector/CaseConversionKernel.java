package dev.sluice.expr.vector;

import dev.sluice.expr.scalar.Ascii;
import dev.sluice.expr.scalar.Utf8;
import dev.sluice.storage.schema.ColumnType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;

/**
 * {@code upper} and {@code lower}: byte-wise for ASCII text, through java.lang.String (locale
 * independent) only for text with other characters.
 */
public final class CaseConversionKernel extends StringResultKernel {

  private final boolean upper;

  public CaseConversionKernel(
      ColumnType type, boolean upper, VectorExpression input, BufferAllocator allocator) {
    super(type, List.of(input), allocator);
    this.upper = upper;
  }

  @Override
  protected boolean computeRow(int row) {
    int length = load(0, row);
    byte[] bytes = bytes(0);
    if (Utf8.isAscii(bytes, 0, length)) {
      text.ensureCapacity(length);
      for (int i = 0; i < length; i++) {
        text.append(upper ? Ascii.toUpper(bytes[i]) : Ascii.toLower(bytes[i]));
      }
      return true;
    }
    String value = new String(bytes, 0, length, StandardCharsets.UTF_8);
    text.append(upper ? value.toUpperCase(Locale.ROOT) : value.toLowerCase(Locale.ROOT));
    return true;
  }
}
