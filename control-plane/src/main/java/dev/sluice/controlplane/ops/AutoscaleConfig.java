package dev.sluice.controlplane.ops;

import dev.sluice.controlplane.autoscale.AutoscaleSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code sluice.autoscale.*}; the defaults match {@link AutoscaleSettings#defaults()}. */
@ConfigMapping(prefix = "sluice.autoscale")
public interface AutoscaleConfig {
  /** How often the policy runs (once per interval across all replicas). */
  @WithDefault("10s")
  Duration interval();

  @WithDefault("1")
  int minWorkers();

  @WithDefault("20")
  int maxWorkers();

  @WithDefault("1")
  int tasksPerWorker();

  @WithDefault("60s")
  Duration scaleOutLag();

  @WithDefault("10s")
  Duration scaleInLag();

  @WithDefault("30s")
  Duration scaleOutAfter();

  @WithDefault("5m")
  Duration scaleInAfter();

  @WithDefault("60s")
  Duration scaleOutCooldown();

  @WithDefault("5m")
  Duration scaleInCooldown();

  @WithDefault("2")
  int scaleOutStep();

  @WithDefault("1")
  int scaleInStep();

  default AutoscaleSettings settings() {
    return new AutoscaleSettings(
        minWorkers(),
        maxWorkers(),
        tasksPerWorker(),
        scaleOutLag(),
        scaleInLag(),
        scaleOutAfter(),
        scaleInAfter(),
        scaleOutCooldown(),
        scaleInCooldown(),
        scaleOutStep(),
        scaleInStep());
  }
}
