package dev.sluice.controlplane.ops;

import dev.sluice.controlplane.autoscale.AutoscaleStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every {@code sluice.ops.interval}: reads the figures from PostgreSQL, refreshes the meters and
 * lets the autoscale policy run (at most once per {@code sluice.autoscale.interval} across all
 * replicas).
 */
@ApplicationScoped
public class OperationsLoop {
  private static final Logger LOG = Logger.getLogger(OperationsLoop.class.getName());

  @Inject OpsReader reader;
  @Inject ControlPlaneMetrics metrics;
  @Inject AutoscaleStore autoscaler;
  @Inject InstantSource clock;

  @Scheduled(
      every = "${sluice.ops.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void refresh() {
    try {
      OpsSnapshot snapshot = reader.read(clock.instant());
      metrics.update(snapshot);
      metrics.desiredWorkers(
          autoscaler.evaluate(snapshot.signals(), snapshot.at()).desiredWorkers());
    } catch (RuntimeException e) {
      // PostgreSQL unreachable: the meters keep their last values and readiness reports it.
      LOG.log(Level.WARNING, "refreshing metrics failed: " + e.getMessage());
    }
  }
}
