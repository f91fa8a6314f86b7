package dev.sluice.controlplane.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;

/**
 * Ready when PostgreSQL answers and every migration of this build is applied. (Quarkus adds its own
 * check that the datasource answers; this one also catches a database left behind by a replica of
 * an older or newer version.)
 */
@Readiness
@ApplicationScoped
public class MigrationsReadiness implements HealthCheck {
  @Inject Flyway flyway;

  @Override
  public HealthCheckResponse call() {
    try {
      int pending = flyway.info().pending().length;
      var current = flyway.info().current();
      return HealthCheckResponse.named("migrations")
          .status(pending == 0 && current != null)
          .withData("pending", pending)
          .withData("version", current == null ? "none" : current.getVersion().getVersion())
          .build();
    } catch (RuntimeException e) {
      return HealthCheckResponse.named("migrations")
          .down()
          .withData("error", String.valueOf(e.getMessage()))
          .build();
    }
  }
}
