package dev.sluice.controlplane.ops;

import dev.sluice.controlplane.autoscale.AutoscalePolicy;
import dev.sluice.controlplane.autoscale.AutoscaleStore;
import dev.sluice.controlplane.store.Database;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Wires the plain-Java operations classes into Quarkus. */
@ApplicationScoped
public class OpsBeans {

  @Produces
  @ApplicationScoped
  OpsReader opsReader(
      Database database,
      @ConfigProperty(name = "sluice.max-routine-load-task-concurrent-num") int maxConcurrent,
      @ConfigProperty(name = "sluice.worker.alive-window") Duration aliveWindow) {
    return new OpsReader(database, maxConcurrent, aliveWindow);
  }

  @Produces
  @ApplicationScoped
  ControlPlaneMetrics metrics(MeterRegistry registry) {
    return new ControlPlaneMetrics(registry);
  }

  @Produces
  @ApplicationScoped
  AutoscaleStore autoscaler(Database database, AutoscaleConfig config) {
    return new AutoscaleStore(database, new AutoscalePolicy(config.settings()), config.interval());
  }
}
