package dev.sluice.controlplane;

import dev.sluice.testing.KafkaBroker;
import dev.sluice.testing.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Points a Quarkus test of the control plane at the real servers: a fresh database on the shared
 * PostgreSQL, the shared Kafka broker, and a local-directory storage volume.
 */
public class ControlPlaneTestResource implements QuarkusTestResourceLifecycleManager {
  @Override
  public Map<String, String> start() {
    PostgresServer postgres = PostgresServer.shared();
    String url = postgres.createDatabase("control_plane_" + ProcessHandle.current().pid());
    KafkaBroker.shared();
    Path storage;
    try {
      storage = Files.createTempDirectory("sluice-cp-storage");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of(
        "quarkus.datasource.jdbc.url",
        url,
        "quarkus.datasource.username",
        postgres.user(),
        "quarkus.datasource.password",
        postgres.password(),
        "sluice.storage.type",
        "local",
        "sluice.storage.location",
        storage.toUri().toString(),
        "sluice.planner.interval",
        "200ms");
  }

  @Override
  public void stop() {
    // The shared servers are stopped by their own shutdown hooks.
  }
}
