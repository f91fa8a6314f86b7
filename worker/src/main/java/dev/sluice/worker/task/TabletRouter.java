package dev.sluice.worker.task;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Decides the tablet of each row: the partition from the table's PARTITION BY columns (a Hive-style
 * path such as {@code dt=2024-01-01}), the bucket from a hash of its DISTRIBUTED BY columns modulo
 * BUCKETS. Arrow's own value hash is used, so a row's bucket is the same on every worker.
 */
final class TabletRouter {
  static final String NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__";

  /**
   * The longest partition path, in UTF-8 bytes after escaping. Object keys may have 1,024 bytes
   * (S3); the rest is left for the table's prefix and the file name. A row whose path is longer is
   * an error row, never a failed round, which would fail again on every attempt.
   */
  static final int MAX_PARTITION_PATH_BYTES = 256;

  /** Receives the rows that cannot be routed, with the reason. */
  interface Rejections {
    void reject(int row, String reason);
  }

  /** A tablet's place: its partition path (empty when unpartitioned) and its bucket. */
  record Target(String partitionPath, int bucket) {
    Target {
      requireNonNull(partitionPath, "partitionPath is null");
    }
  }

  /** The rows of one batch that go to one tablet: {@code rows[0..count)}. */
  record Group(Target target, int[] rows, int count) {}

  private final List<String> partitionNames;
  private final List<String> bucketColumns;
  private final int buckets;

  /**
   * @param partitionNames the names in the partition path, one per partition value vector
   * @param bucketColumns the DISTRIBUTED BY HASH columns of the batches
   */
  TabletRouter(List<String> partitionNames, List<String> bucketColumns, int buckets) {
    this.partitionNames = List.copyOf(partitionNames);
    this.bucketColumns = List.copyOf(bucketColumns);
    if (buckets < 1) {
      throw new IllegalArgumentException("buckets must be at least 1: " + buckets);
    }
    this.buckets = buckets;
  }

  /**
   * Groups the selected rows {@code rows[0..count)} of {@code batch} by tablet; {@code
   * partitionValues} holds one vector per partition expression, row-aligned with the batch. Rows
   * whose partition path is over {@value #MAX_PARTITION_PATH_BYTES} bytes go to {@code rejections}
   * and to no group.
   */
  List<Group> route(
      VectorSchemaRoot batch,
      List<FieldVector> partitionValues,
      int[] rows,
      int count,
      Rejections rejections) {
    if (partitionNames.isEmpty() && (buckets == 1 || bucketColumns.isEmpty())) {
      // The common case of one tablet per task needs no per-row work at all.
      return List.of(new Group(new Target("", 0), rows, count));
    }
    FieldVector[] hashed = vectors(batch, bucketColumns);
    FieldVector[] partitioned = partitionValues.toArray(new FieldVector[0]);
    Map<Target, int[]> rowsByTarget = new HashMap<>();
    Map<Target, Integer> counts = new HashMap<>();
    for (int i = 0; i < count; i++) {
      int row = rows[i];
      String path = partitionPath(partitioned, row);
      if (path.length() > MAX_PARTITION_PATH_BYTES / 3) {
        int bytes = utf8Length(path);
        if (bytes > MAX_PARTITION_PATH_BYTES) {
          rejections.reject(
              row,
              "the partition path is "
                  + bytes
                  + " bytes after escaping, over the limit of "
                  + MAX_PARTITION_PATH_BYTES);
          continue;
        }
      }
      Target target = new Target(path, bucket(hashed, row));
      int[] indexes = rowsByTarget.computeIfAbsent(target, t -> new int[count]);
      int size = counts.getOrDefault(target, 0);
      indexes[size] = row;
      counts.put(target, size + 1);
    }
    List<Group> groups = new ArrayList<>(rowsByTarget.size());
    rowsByTarget.forEach(
        (target, indexes) -> groups.add(new Group(target, indexes, counts.get(target))));
    return groups;
  }

  private int bucket(FieldVector[] hashed, int row) {
    if (hashed.length == 0 || buckets == 1) {
      return 0;
    }
    int hash = 17;
    for (FieldVector vector : hashed) {
      hash = 31 * hash + vector.hashCode(row);
    }
    return Math.floorMod(hash, buckets);
  }

  private String partitionPath(FieldVector[] partitioned, int row) {
    if (partitioned.length == 0) {
      return "";
    }
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < partitioned.length; i++) {
      if (i > 0) {
        path.append('/');
      }
      path.append(partitionNames.get(i)).append('=').append(valueText(partitioned[i], row));
    }
    return path.toString();
  }

  private static String valueText(FieldVector vector, int row) {
    if (vector.isNull(row)) {
      return NULL_PARTITION;
    }
    if (vector instanceof DateDayVector days) {
      return LocalDate.ofEpochDay(days.get(row)).toString();
    }
    if (vector instanceof TimeStampMicroVector micros) {
      long value = micros.get(row);
      return LocalDateTime.ofEpochSecond(
              Math.floorDiv(value, 1_000_000L),
              (int) Math.floorMod(value, 1_000_000L) * 1000,
              ZoneOffset.UTC)
          .toString()
          .replace(':', '-');
    }
    // Path-safe: keep letters, digits and a few marks; escape the rest as Hive does.
    String text = vector.getObject(row).toString();
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.') {
        escaped.append(c);
      } else {
        escaped.append('%').append(String.format("%02X", (int) c));
      }
    }
    return escaped.toString();
  }

  private static int utf8Length(String text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        // With its low surrogate, four bytes.
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  private static FieldVector[] vectors(VectorSchemaRoot batch, List<String> names) {
    FieldVector[] vectors = new FieldVector[names.size()];
    for (int i = 0; i < names.size(); i++) {
      vectors[i] = batch.getVector(names.get(i));
      if (vectors[i] == null) {
        throw new IllegalArgumentException("the batch has no column '" + names.get(i) + "'");
      }
    }
    return vectors;
  }
}
