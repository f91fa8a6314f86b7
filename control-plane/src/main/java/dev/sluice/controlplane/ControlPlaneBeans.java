package dev.sluice.controlplane;

import dev.sluice.controlplane.lease.CommitProcessor;
import dev.sluice.controlplane.lease.LeaseManager;
import dev.sluice.controlplane.store.Database;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.time.InstantSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wires the plain-Java services of the control plane into Quarkus. The services themselves know
 * nothing of CDI, so their tests run them directly on a real PostgreSQL.
 */
@ApplicationScoped
public class ControlPlaneBeans {

  @Produces
  @ApplicationScoped
  Database database(AgroalDataSource dataSource) {
    return new Database(dataSource);
  }

  @Produces
  @ApplicationScoped
  InstantSource clock() {
    return InstantSource.system();
  }

  @Produces
  @ApplicationScoped
  LeaseManager leaseManager(
      Database database,
      InstantSource clock,
      @ConfigProperty(name = "sluice.lease.duration") Duration leaseDuration,
      @ConfigProperty(name = "sluice.lease.abort-backoff") Duration abortBackoff) {
    return new LeaseManager(database, clock, leaseDuration, abortBackoff);
  }

  @Produces
  @ApplicationScoped
  CommitProcessor commitProcessor(Database database, InstantSource clock) {
    return new CommitProcessor(database, clock);
  }
}
