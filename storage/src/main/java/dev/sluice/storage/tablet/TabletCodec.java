package dev.sluice.storage.tablet;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** Page compression of a tablet. */
public enum TabletCodec {
  UNCOMPRESSED,
  SNAPPY,
  ZSTD;

  CompressionCodecName parquetName() {
    return switch (this) {
      case UNCOMPRESSED -> CompressionCodecName.UNCOMPRESSED;
      case SNAPPY -> CompressionCodecName.SNAPPY;
      case ZSTD -> CompressionCodecName.ZSTD;
    };
  }
}
