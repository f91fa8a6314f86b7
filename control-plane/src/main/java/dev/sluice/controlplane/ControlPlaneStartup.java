package dev.sluice.controlplane;

import dev.sluice.controlplane.catalog.StorageVolume;
import dev.sluice.controlplane.catalog.StorageVolumeService;
import dev.sluice.controlplane.gc.OrphanCollector;
import dev.sluice.controlplane.jobs.TaskPlanner;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Start-up and background work: the built-in storage volume from configuration, the task planner's
 * periodic pass and the orphaned-file collector. Every replica runs them; the database keeps them
 * from conflicting.
 */
@ApplicationScoped
public class ControlPlaneStartup {
  private static final Logger LOG = Logger.getLogger(ControlPlaneStartup.class.getName());

  @Inject StorageVolumeService volumes;
  @Inject TaskPlanner planner;
  @Inject OrphanCollector orphans;

  @ConfigProperty(name = "sluice.storage.type")
  String storageType;

  @ConfigProperty(name = "sluice.storage.location")
  String storageLocation;

  @ConfigProperty(name = "sluice.storage.endpoint")
  Optional<String> endpoint;

  @ConfigProperty(name = "sluice.storage.region", defaultValue = "us-east-1")
  String region;

  @ConfigProperty(name = "sluice.storage.access-key")
  Optional<String> accessKey;

  @ConfigProperty(name = "sluice.storage.secret-key")
  Optional<String> secretKey;

  void onStart(@Observes StartupEvent event) {
    Map<String, String> properties = new LinkedHashMap<>();
    if (storageType.equalsIgnoreCase("S3")) {
      properties.put("aws.s3.access_key", accessKey.orElse(""));
      properties.put("aws.s3.secret_key", secretKey.orElse(""));
      properties.put("aws.s3.endpoint", endpoint.orElse(""));
      properties.put("aws.s3.region", region);
      properties.put("aws.s3.enable_path_style_access", "true");
    }
    volumes.ensureBuiltin(
        new StorageVolume(
            StorageVolumeService.BUILTIN,
            storageType.toUpperCase(java.util.Locale.ROOT),
            List.of(storageLocation),
            "",
            properties,
            true,
            true));
  }

  @Scheduled(
      every = "${sluice.planner.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void plan() {
    try {
      planner.planAll();
    } catch (RuntimeException e) {
      // PostgreSQL unavailable (restarting, failing over): one line per pass, not a stack trace
      // five times a second; the next pass tries again.
      LOG.warning("planning failed: " + e.getMessage());
    }
  }

  @Scheduled(
      every = "${sluice.gc.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void collectOrphans() {
    try {
      orphans.collect();
    } catch (RuntimeException e) {
      // PostgreSQL or the object store unavailable: the next run tries again.
      LOG.log(Level.WARNING, "collecting orphaned files failed: " + e.getMessage(), e);
    }
  }
}
