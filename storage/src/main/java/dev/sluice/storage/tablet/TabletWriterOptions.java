package dev.sluice.storage.tablet;

import static java.util.Objects.requireNonNull;

/**
 * How tablets are written.
 *
 * @param codec page compression
 * @param zstdLevel ZSTD level, 1 (fast) to 22 (small); ignored by the other codecs
 * @param rowGroupSize a row group is closed once its buffered (encoded and compressed) size reaches
 *     this many bytes; it is also roughly the writer's memory use
 * @param pageSize target size of a data page in bytes before compression
 * @param dictionaryPageSize dictionary encoding of a column chunk falls back to plain encoding when
 *     its dictionary grows past this many bytes
 */
public record TabletWriterOptions(
    TabletCodec codec, int zstdLevel, long rowGroupSize, int pageSize, int dictionaryPageSize) {

  public static final long DEFAULT_ROW_GROUP_SIZE = 64L * 1024 * 1024;
  public static final int DEFAULT_PAGE_SIZE = 1024 * 1024;
  public static final int DEFAULT_ZSTD_LEVEL = 3;

  public TabletWriterOptions {
    requireNonNull(codec, "codec is null");
    if (zstdLevel < 1 || zstdLevel > 22) {
      throw new IllegalArgumentException("zstdLevel must be 1 to 22: " + zstdLevel);
    }
    if (rowGroupSize < 1024) {
      throw new IllegalArgumentException("rowGroupSize is below 1024 bytes: " + rowGroupSize);
    }
    if (pageSize < 1024) {
      throw new IllegalArgumentException("pageSize is below 1024 bytes: " + pageSize);
    }
    if (dictionaryPageSize < 1024) {
      throw new IllegalArgumentException(
          "dictionaryPageSize is below 1024 bytes: " + dictionaryPageSize);
    }
  }

  /** ZSTD level 3, 64 MiB row groups, 1 MiB pages and dictionaries. */
  public static TabletWriterOptions defaults() {
    return new TabletWriterOptions(
        TabletCodec.ZSTD,
        DEFAULT_ZSTD_LEVEL,
        DEFAULT_ROW_GROUP_SIZE,
        DEFAULT_PAGE_SIZE,
        DEFAULT_PAGE_SIZE);
  }

  public TabletWriterOptions withCodec(TabletCodec codec) {
    return new TabletWriterOptions(codec, zstdLevel, rowGroupSize, pageSize, dictionaryPageSize);
  }

  public TabletWriterOptions withZstdLevel(int zstdLevel) {
    return new TabletWriterOptions(codec, zstdLevel, rowGroupSize, pageSize, dictionaryPageSize);
  }

  public TabletWriterOptions withRowGroupSize(long rowGroupSize) {
    return new TabletWriterOptions(codec, zstdLevel, rowGroupSize, pageSize, dictionaryPageSize);
  }

  public TabletWriterOptions withPageSize(int pageSize) {
    return new TabletWriterOptions(codec, zstdLevel, rowGroupSize, pageSize, dictionaryPageSize);
  }

  public TabletWriterOptions withDictionaryPageSize(int dictionaryPageSize) {
    return new TabletWriterOptions(codec, zstdLevel, rowGroupSize, pageSize, dictionaryPageSize);
  }
}
