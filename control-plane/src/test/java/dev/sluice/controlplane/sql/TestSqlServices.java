package dev.sluice.controlplane.sql;

import dev.sluice.controlplane.catalog.CatalogService;
import dev.sluice.controlplane.catalog.FileService;
import dev.sluice.controlplane.catalog.StorageVolume;
import dev.sluice.controlplane.catalog.StorageVolumeService;
import dev.sluice.controlplane.jobs.JobService;
import dev.sluice.controlplane.jobs.KafkaClientConfig;
import dev.sluice.controlplane.jobs.RoutineLoadView;
import dev.sluice.controlplane.query.QueryService;
import dev.sluice.controlplane.security.SecretCipher;
import dev.sluice.controlplane.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The SQL service wired as the control plane wires it, over a test database, with a local directory
 * as the built-in storage volume: one place for the tests that run statements.
 */
public final class TestSqlServices {
  private TestSqlServices() {}

  /** With secrets kept in clear, the system clock and the default UNSTABLE threshold. */
  public static SqlService create(Database database, String volumeDirectory) {
    return create(
        database,
        volumeDirectory,
        SecretCipher.disabled(),
        InstantSource.system(),
        RoutineLoadView.DEFAULT_UNSTABLE_THRESHOLD);
  }

  public static SqlService create(
      Database database,
      String volumeDirectory,
      SecretCipher cipher,
      InstantSource clock,
      Duration unstableThreshold) {
    StorageVolumeService volumes = new StorageVolumeService(database, cipher);
    volumes.ensureBuiltin(
        new StorageVolume(
            StorageVolumeService.BUILTIN,
            "LOCAL",
            List.of("file://" + volumeDirectory),
            "",
            Map.of(),
            true,
            true));
    FileService files = new FileService(database, cipher);
    return new SqlService(
        new StatementExecutor(
            new CatalogService(database, volumes),
            volumes,
            new JobService(database, clock, "Etc/UTC", kafkaClients(database, cipher)),
            new RoutineLoadView(database, ZoneId.of("Etc/UTC"), cipher, clock, unstableThreshold),
            new QueryService(
                database,
                volumes,
                Path.of(System.getProperty("java.io.tmpdir"), "sluice-test-query-cache")),
            files));
  }

  /** The Kafka client settings of jobs, with FILE: references resolved from {@code database}. */
  public static KafkaClientConfig kafkaClients(Database database, SecretCipher cipher) {
    return new KafkaClientConfig(database, new FileService(database, cipher), cipher);
  }
}
