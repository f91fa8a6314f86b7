package dev.sluice.storage.tablet;

import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Page compression without Hadoop: parquet-hadoop's own codec factory loads Hadoop classes even for
 * UNCOMPRESSED. One instance per writer and not thread-safe: the input and output buffers are
 * reused from page to page, which is safe because the page store copies each result before asking
 * for the next.
 */
abstract class PageCompressor implements BytesInputCompressor {

  private final Scratch input = new Scratch();
  private byte[] output = new byte[0];

  static PageCompressor create(TabletCodec codec, int zstdLevel) {
    return switch (codec) {
      case UNCOMPRESSED -> new Uncompressed();
      case SNAPPY -> new SnappyPages();
      case ZSTD -> new ZstdPages(zstdLevel);
    };
  }

  @Override
  public BytesInput compress(BytesInput bytes) throws IOException {
    input.reset();
    bytes.writeAllTo(input);
    int bound = maxCompressedLength(input.size());
    if (output.length < bound) {
      output = new byte[Math.max(bound, output.length + (output.length >> 1))];
    }
    int length = compress(input.array(), input.size(), output);
    return BytesInput.from(output, 0, length);
  }

  abstract int maxCompressedLength(int length);

  abstract int compress(byte[] source, int length, byte[] target) throws IOException;

  @Override
  public void release() {}

  private static final class Uncompressed extends PageCompressor {
    @Override
    public BytesInput compress(BytesInput bytes) {
      return bytes;
    }

    @Override
    int maxCompressedLength(int length) {
      return length;
    }

    @Override
    int compress(byte[] source, int length, byte[] target) {
      throw new UnsupportedOperationException("uncompressed pages are passed through");
    }

    @Override
    public CompressionCodecName getCodecName() {
      return CompressionCodecName.UNCOMPRESSED;
    }
  }

  /** Parquet's SNAPPY is a raw Snappy block, not the framed stream format. */
  private static final class SnappyPages extends PageCompressor {
    @Override
    int maxCompressedLength(int length) {
      return Snappy.maxCompressedLength(length);
    }

    @Override
    int compress(byte[] source, int length, byte[] target) throws IOException {
      return Snappy.compress(source, 0, length, target, 0);
    }

    @Override
    public CompressionCodecName getCodecName() {
      return CompressionCodecName.SNAPPY;
    }
  }

  private static final class ZstdPages extends PageCompressor {
    private final ZstdCompressCtx context;

    ZstdPages(int level) {
      context = new ZstdCompressCtx().setLevel(level);
    }

    @Override
    int maxCompressedLength(int length) {
      return Math.toIntExact(com.github.luben.zstd.Zstd.compressBound(length));
    }

    @Override
    int compress(byte[] source, int length, byte[] target) {
      return context.compressByteArray(target, 0, target.length, source, 0, length);
    }

    @Override
    public CompressionCodecName getCodecName() {
      return CompressionCodecName.ZSTD;
    }

    @Override
    public void release() {
      context.close();
    }
  }

  /** A ByteArrayOutputStream whose array can be read without a copy. */
  private static final class Scratch extends OutputStream {
    private byte[] bytes = new byte[64 * 1024];
    private int size;

    void reset() {
      size = 0;
    }

    int size() {
      return size;
    }

    byte[] array() {
      return bytes;
    }

    @Override
    public void write(int b) {
      ensure(1);
      bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, bytes, size, len);
      size += len;
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
      }
    }
  }
}
