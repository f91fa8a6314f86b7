package dev.sluice.expr.vector;

import dev.sluice.storage.schema.ColumnType;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** {@code md5(str)}: 32 lower-case hex digits of the MD5 of the string's bytes. */
public final class Md5Kernel extends StringResultKernel {

  private static final byte[] HEX =
      "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final MessageDigest digest;

  public Md5Kernel(ColumnType type, VectorExpression input, BufferAllocator allocator) {
    super(type, List.of(input), allocator);
    try {
      this.digest = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }

  @Override
  protected boolean computeRow(int row) {
    int length = load(0, row);
    digest.update(bytes(0), 0, length);
    for (byte b : digest.digest()) {
      text.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }
    return true;
  }
}
