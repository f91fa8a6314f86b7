package dev.sluice.storage.tablet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.storage.objectstore.ObjectUpload;
import dev.sluice.storage.objectstore.S3ObjectStore;
import dev.sluice.storage.objectstore.S3Settings;
import dev.sluice.testing.S3ProxyServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tablets written straight into S3 (S3Proxy), downloaded and read back by DuckDB. */
class TabletS3IT {

  private static final String BUCKET = "storage-tablets";

  private static BufferAllocator allocator;
  private static S3ObjectStore store;

  @TempDir Path dir;

  @BeforeAll
  static void open() {
    S3ProxyServer server = S3ProxyServer.shared();
    server.createBucket(BUCKET);
    store =
        new S3ObjectStore(
            S3Settings.compatible(
                    server.endpoint(),
                    server.region(),
                    BUCKET,
                    server.accessKey(),
                    server.secretKey())
                .withPartSize(S3Settings.MIN_PART_SIZE));
    allocator = new RootAllocator();
  }

  @AfterAll
  static void close() {
    store.close();
    allocator.close();
  }

  @Test
  void aSmallTabletGoesUpInOnePut() throws Exception {
    String key = "tables/1/small.parquet";
    TabletFile tablet = write(key, TabletWriterOptions.defaults(), 0, 2_000);

    assertThat(tablet.sizeBytes()).isLessThan(S3Settings.MIN_PART_SIZE);
    assertThat(store.stat(key).orElseThrow().size()).isEqualTo(tablet.sizeBytes());
    assertReadsBack(key, 2_000);
  }

  @Test
  void aLargeTabletGoesUpInSeveralParts() throws Exception {
    String key = "tables/1/large.parquet";
    int rows = 120_000;
    TabletFile tablet =
        write(
            key,
            TabletWriterOptions.defaults()
                .withCodec(TabletCodec.UNCOMPRESSED)
                .withRowGroupSize(2 * 1024 * 1024),
            0,
            rows);

    assertThat(tablet.sizeBytes()).isGreaterThan(2L * S3Settings.MIN_PART_SIZE);
    assertThat(tablet.rowGroupCount()).isGreaterThan(2);
    assertThat(store.stat(key).orElseThrow().size()).isEqualTo(tablet.sizeBytes());
    assertReadsBack(key, rows);
  }

  private TabletFile write(String key, TabletWriterOptions options, int firstId, int rows) {
    try (ObjectUpload upload = store.create(key);
        TabletWriter writer = new TabletWriter(TestTable.SCHEMA, upload, options)) {
      int batchRows = 5_000;
      for (int id = firstId; id < firstId + rows; id += batchRows) {
        try (VectorSchemaRoot batch =
            TestTable.batch(allocator, id, Math.min(batchRows, firstId + rows - id))) {
          writer.write(batch);
        }
      }
      TabletFile tablet = writer.finish();
      assertThat(upload.commit()).isEqualTo(tablet.sizeBytes());
      return tablet;
    }
  }

  private void assertReadsBack(String key, int rows) throws Exception {
    Path file = dir.resolve("download.parquet");
    try (InputStream in = store.open(key)) {
      Files.copy(in, file);
    }
    try (DuckDb duckDb = new DuckDb()) {
      List<List<Object>> read =
          duckDb.query(
              "SELECT * EXCLUDE (file_row_number) FROM read_parquet('"
                  + file
                  + "', file_row_number = true) ORDER BY file_row_number");
      assertThat(read).hasSize(rows);
      for (int id = 0; id < rows; id++) {
        assertThat(read.get(id)).as("row " + id).isEqualTo(TestTable.row(id));
      }
      assertTypes(duckDb, file);
    }
  }

  private static void assertTypes(DuckDb duckDb, Path file) throws SQLException {
    assertThat(duckDb.describe(file))
        .extracting(column -> (String) column.get(1))
        .containsExactlyElementsOf(TestTable.DUCKDB_TYPES);
  }
}
