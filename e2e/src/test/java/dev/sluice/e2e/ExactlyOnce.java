package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks that a table loaded from a {@link SequenceTopic} holds every record exactly once (or
 * exactly as often as an ALTER of the job's offsets made it expected, see {@link
 * SequenceTopic.Multiplicity}): the same figures per partition, the same content checksum, progress
 * at the topic's end, and no file outside the manifest that a query could see.
 */
final class ExactlyOnce {
  private static final Pattern ATTEMPT =
      Pattern.compile("([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

  private ExactlyOnce() {}

  /**
   * Sluice's own SELECT counts every record once, and DuckDB, an independent reader of exactly the
   * manifest's files, finds the topic's per-partition figures and content checksum.
   */
  static void assertTableHolds(
      SluiceCluster cluster, String database, String table, SequenceTopic.Content topic)
      throws Exception {
    var counted =
        cluster
            .sql(
                "SELECT count(*) AS n, count(DISTINCT seq * 1024 + part) AS d FROM " + table,
                database)
            .getResults(0);
    assertThat(counted.getRows(0).getValues(0).getText())
        .as("rows SELECT sees")
        .isEqualTo(Long.toString(topic.total()));
    assertThat(counted.getRows(0).getValues(1).getText())
        .as("distinct records SELECT sees")
        .isEqualTo(Long.toString(topic.distinctTotal()));

    Map<Integer, SequenceTopic.PartitionFigures> figures = new TreeMap<>();
    cluster.scanTable(
        table,
        "SELECT part, count(*), count(DISTINCT seq), min(seq), max(seq), sum(seq)"
            + " FROM $files GROUP BY part ORDER BY part",
        row ->
            figures.put(
                row.getInt(1),
                new SequenceTopic.PartitionFigures(
                    row.getLong(2),
                    row.getLong(3),
                    row.getLong(4),
                    row.getLong(5),
                    new BigInteger(row.getString(6)))));
    assertThat(figures).as("per-partition figures of the table").isEqualTo(topic.partitions());

    List<SequenceTopic.Line> lines = new ArrayList<>();
    cluster.scanTable(
        table,
        "SELECT part, seq, payload FROM $files",
        row -> lines.add(new SequenceTopic.Line(row.getInt(1), row.getLong(2), row.getString(3))));
    assertThat(SequenceTopic.checksum(lines))
        .as("content checksum of the table")
        .isEqualTo(topic.checksum());
  }

  /**
   * No row of the table has a payload starting with {@code prefix}: e.g. records written in Kafka
   * transactions that were aborted, which a read_committed reader never sees.
   */
  static void assertNoPayloadStartingWith(SluiceCluster cluster, String table, String prefix)
      throws Exception {
    List<Long> found = new ArrayList<>();
    cluster.scanTable(
        table,
        "SELECT count(*) FROM $files WHERE starts_with(payload, '" + prefix + "')",
        row -> found.add(row.getLong(1)));
    assertThat(found).as("rows whose payload starts with " + prefix).isIn(List.of(), List.of(0L));
  }

  /** Progress in SHOW ROUTINE LOAD is the last offset of every partition. */
  static void assertProgressAtEnd(
      SluiceCluster cluster, String database, String job, SequenceTopic.Content topic) {
    assertThat(cluster.showJob(database, job).get("Progress")).isEqualTo(topic.progressJson());
  }

  /**
   * Every file of the manifest exists, and every other tablet in the bucket belongs to an attempt
   * that never committed: debris of a crash or a rejected commit, which no query reads and the
   * garbage collector may delete. Returns how many such files there are.
   */
  static int assertNoStrayCommittedFiles(SluiceCluster cluster, String table) throws Exception {
    Set<String> manifest = new HashSet<>(cluster.manifestKeys(table));
    Set<String> committed = new HashSet<>(cluster.committedAttempts());
    Set<String> objects = new HashSet<>(cluster.allObjects());
    assertThat(objects).as("objects in the bucket").containsAll(manifest);
    int uncommitted = 0;
    for (String key : objects) {
      if (!key.endsWith(".parquet") || manifest.contains(key)) {
        continue;
      }
      Matcher attempt = ATTEMPT.matcher(key.substring(key.lastIndexOf('/') + 1));
      assertThat(attempt.find()).as("attempt id in " + key).isTrue();
      assertThat(committed)
          .as("a tablet outside the manifest must not belong to a committed attempt: " + key)
          .doesNotContain(attempt.group(1));
      uncommitted++;
    }
    return uncommitted;
  }
}
