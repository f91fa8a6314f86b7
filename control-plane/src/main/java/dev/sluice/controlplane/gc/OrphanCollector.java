package dev.sluice.controlplane.gc;

import static java.util.Objects.requireNonNull;

import dev.sluice.controlplane.catalog.ClusterId;
import dev.sluice.controlplane.catalog.StorageLocations;
import dev.sluice.controlplane.catalog.StorageVolume;
import dev.sluice.controlplane.store.Database;
import dev.sluice.controlplane.store.Json;
import dev.sluice.storage.objectstore.ObjectInfo;
import dev.sluice.storage.objectstore.ObjectStore;
import dev.sluice.storage.objectstore.PendingUpload;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes the files of attempts that can never commit, once they are older than a grace period, and
 * aborts their multipart uploads left unfinished by a worker that died in the middle of a file.
 *
 * <p>An attempt can commit only while its id is the {@code attempt_id} of a task row: the commit
 * locks that row and checks it, acquiring a lease always writes a fresh random id, and commit and
 * abort clear it. So once an attempt id is in no task row it is final: committed (it has a
 * load_transactions row and its tablets are in the manifest) or dead forever. A zombie retrying a
 * commit whose outcome it does not know gets LEASE_LOST; its outcome is known here.
 *
 * <p>The race with a commit landing during a collection: objects are listed first, then ONE SQL
 * statement decides per object, on one snapshot, that its attempt is in no task row and its key is
 * not in the manifest. A commit that lands after the listing either is in that snapshot (its files
 * are in the manifest: kept) or is not (its attempt is still in its task row: kept). An attempt
 * absent from every task row cannot come back, so deleting after the decision is safe.
 *
 * <p>It lists only under this installation's table prefixes, which carry its cluster id: another
 * installation on the same bucket and prefix numbers its tables from 1 too, and its attempts are in
 * none of our rows, so its files would all look dead (decision 0045).
 *
 * <p>Kept besides: objects younger than the grace period (a margin for clock skew and for uploads
 * finishing), keys that are not an attempt's tablet or log, and the rejected-record logs of
 * committed attempts or named in a job's ErrorLogUrls (a batch failed by max_filter_ratio never
 * commits, and its log is what the user must read). One replica collects at a time: the run holds a
 * PostgreSQL advisory lock in its transaction, and a replica that does not get it skips the run.
 */
public final class OrphanCollector {
  private static final Logger LOG = Logger.getLogger(OrphanCollector.class.getName());
  // "sluiceGC" in ASCII: one fixed key shared by every replica.
  static final long LOCK_KEY = 0x736c75696365_4743L;
  private static final int DECISION_BATCH = 1000;

  private final Database database;
  private final ClusterId cluster;
  private final InstantSource clock;
  private final Duration gracePeriod;
  private final Function<StorageVolume, ObjectStore> stores;

  public OrphanCollector(
      Database database, ClusterId cluster, InstantSource clock, Duration gracePeriod) {
    this(database, cluster, clock, gracePeriod, volume -> StorageLocations.store(volume).open());
  }

  OrphanCollector(
      Database database,
      ClusterId cluster,
      InstantSource clock,
      Duration gracePeriod,
      Function<StorageVolume, ObjectStore> stores) {
    this.database = requireNonNull(database, "database is null");
    this.cluster = requireNonNull(cluster, "cluster is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.gracePeriod = requireNonNull(gracePeriod, "gracePeriod is null");
    this.stores = requireNonNull(stores, "stores is null");
    if (gracePeriod.isNegative()) {
      throw new IllegalArgumentException("gracePeriod is negative: " + gracePeriod);
    }
  }

  /** Runs one collection over every table, or skips it when another replica is collecting. */
  public CollectionReport collect() {
    return database.inTransaction(
        connection -> {
          if (!tryLock(connection)) {
            return CollectionReport.skipped();
          }
          Instant cutoff = clock.instant().minus(gracePeriod);
          Map<String, VolumeTables> volumes = findTables(connection);
          int tables = 0;
          int failedVolumes = 0;
          long listed = 0;
          long deleted = 0;
          long aborted = 0;
          for (VolumeTables volume : volumes.values()) {
            try (ObjectStore store = stores.apply(volume.volume())) {
              for (long tableId : volume.tableIds()) {
                // Only keys carrying this installation's id: another one on the same bucket and
                // prefix has the same table ids (decision 0045).
                String prefix = StorageLocations.tablePrefix(volume.volume(), cluster, tableId);
                List<ObjectInfo> objects = store.list(prefix + "/");
                tables++;
                listed += objects.size();
                List<String> orphans = findOrphans(connection, prefix, objects, cutoff);
                if (!orphans.isEmpty()) {
                  store.deleteAll(orphans);
                  deleted += orphans.size();
                  LOG.info("deleted " + orphans.size() + " orphaned files of table " + tableId);
                }
                List<PendingUpload> abandoned =
                    findAbandonedUploads(
                        connection, prefix, store.listPendingUploads(prefix + "/"), cutoff);
                for (PendingUpload upload : abandoned) {
                  store.abortUpload(upload);
                }
                if (!abandoned.isEmpty()) {
                  aborted += abandoned.size();
                  LOG.info(
                      "aborted " + abandoned.size() + " abandoned uploads of table " + tableId);
                }
              }
            } catch (RuntimeException e) {
              // A volume that is unreachable or misconfigured (users create volumes) must not
              // stop collection in the others; the next run tries it again.
              failedVolumes++;
              LOG.log(
                  Level.WARNING,
                  "collecting orphaned files in storage volume "
                      + volume.volume().name()
                      + " failed: "
                      + e.getMessage());
            }
          }
          return new CollectionReport(true, tables, failedVolumes, listed, deleted, aborted);
        });
  }

  private static boolean tryLock(Connection connection) throws SQLException {
    // Transaction-scoped: released by commit, rollback, or the connection dying.
    try (PreparedStatement lock =
        connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
      lock.setLong(1, LOCK_KEY);
      try (ResultSet row = lock.executeQuery()) {
        row.next();
        return row.getBoolean(1);
      }
    }
  }

  private record VolumeTables(StorageVolume volume, List<Long> tableIds) {}

  /** Every table, dropped ones included (their orphans are orphans too), grouped by volume. */
  private static Map<String, VolumeTables> findTables(Connection connection) throws SQLException {
    Map<String, VolumeTables> volumes = new LinkedHashMap<>();
    try (PreparedStatement select =
            connection.prepareStatement(
                """
                SELECT v.name, v.type, v.locations, v.properties::text, v.is_default, v.enabled,
                       t.id
                  FROM tables t JOIN storage_volumes v ON v.id = t.storage_volume_id
                 ORDER BY v.name, t.id
                """);
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        String name = rows.getString(1);
        VolumeTables volume = volumes.get(name);
        if (volume == null) {
          volume =
              new VolumeTables(
                  new StorageVolume(
                      name,
                      rows.getString(2),
                      Arrays.asList((String[]) rows.getArray(3).getArray()),
                      "",
                      Json.readStringMap(rows.getString(4)),
                      rows.getBoolean(5),
                      rows.getBoolean(6)),
                  new ArrayList<>());
          volumes.put(name, volume);
        }
        volume.tableIds().add(rows.getLong(7));
      }
    }
    return volumes;
  }

  /** The keys among {@code objects} that are safe to delete now. */
  private static List<String> findOrphans(
      Connection connection, String prefix, List<ObjectInfo> objects, Instant cutoff)
      throws SQLException {
    List<String> old = new ArrayList<>();
    for (ObjectInfo object : objects) {
      if (object.lastModified().isBefore(cutoff)) {
        old.add(object.key());
      }
    }
    return decide(connection, prefix, old);
  }

  /**
   * The uploads among {@code uploads} that no attempt can complete any more: begun before the
   * cutoff, for a file whose attempt can never commit. An S3 lifecycle rule would abort them only
   * after days; their parts are stored, and billed, until then.
   */
  private static List<PendingUpload> findAbandonedUploads(
      Connection connection, String prefix, List<PendingUpload> uploads, Instant cutoff)
      throws SQLException {
    List<PendingUpload> old = new ArrayList<>();
    for (PendingUpload upload : uploads) {
      if (upload.initiated().isBefore(cutoff)) {
        old.add(upload);
      }
    }
    Set<String> abandoned =
        new HashSet<>(decide(connection, prefix, old.stream().map(PendingUpload::key).toList()));
    return old.stream().filter(upload -> abandoned.contains(upload.key())).toList();
  }

  /** The keys among {@code keys}, of files old enough, that belong to no attempt still alive. */
  private static List<String> decide(Connection connection, String prefix, List<String> keys)
      throws SQLException {
    List<AttemptFile> candidates = new ArrayList<>();
    for (String key : keys) {
      AttemptFile.parse(prefix, key).ifPresent(candidates::add);
    }
    List<String> orphans = new ArrayList<>();
    for (int from = 0; from < candidates.size(); from += DECISION_BATCH) {
      orphans.addAll(
          decideBatch(
              connection,
              candidates.subList(from, Math.min(candidates.size(), from + DECISION_BATCH))));
    }
    return orphans;
  }

  /**
   * One statement, so one snapshot: an attempt that is in no task row can no longer commit, and
   * whether it committed is read from the same snapshot that said it is in no task row.
   */
  private static List<String> decideBatch(Connection connection, List<AttemptFile> candidates)
      throws SQLException {
    String[] keys = new String[candidates.size()];
    UUID[] attempts = new UUID[candidates.size()];
    Boolean[] logs = new Boolean[candidates.size()];
    for (int i = 0; i < candidates.size(); i++) {
      AttemptFile file = candidates.get(i);
      keys[i] = file.key();
      attempts[i] = file.attemptId();
      logs[i] =
          switch (file.kind()) {
            case TABLET -> false;
            case REJECTED_LOG -> true;
          };
    }
    try (PreparedStatement select =
        connection.prepareStatement(
            """
            SELECT c.key
              FROM unnest(?::text[], ?::uuid[], ?::boolean[]) AS c (key, attempt, is_log)
             WHERE NOT EXISTS (SELECT 1 FROM tasks t WHERE t.attempt_id = c.attempt)
               AND NOT EXISTS (SELECT 1 FROM manifest_files m WHERE m.object_key = c.key)
               AND NOT (c.is_log AND EXISTS (SELECT 1 FROM load_transactions l
                                              WHERE l.attempt_id = c.attempt))
               AND NOT (c.is_log AND EXISTS (SELECT 1 FROM routine_load_jobs j
                                              WHERE right(j.error_log_urls, length(c.key))
                                                    = c.key))
            """)) {
      select.setArray(1, connection.createArrayOf("text", keys));
      select.setArray(2, connection.createArrayOf("uuid", attempts));
      select.setArray(3, connection.createArrayOf("boolean", logs));
      List<String> orphans = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          orphans.add(rows.getString(1));
        }
      }
      return orphans;
    }
  }
}
