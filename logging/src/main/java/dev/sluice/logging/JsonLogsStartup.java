package dev.sluice.logging;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.LogContext;

/**
 * With {@code sluice.log.json=true} (env {@code SLUICE_LOG_JSON}) the console writes JSON lines
 * from start-up on; lines of Quarkus' own boot, before this observer runs, stay text.
 */
@ApplicationScoped
public class JsonLogsStartup {
  private static final Logger LOG = Logger.getLogger(JsonLogsStartup.class.getName());

  @ConfigProperty(name = "sluice.log.json", defaultValue = "false")
  boolean json;

  // Before the other start-up observers, so that their lines are JSON already.
  void onStart(@Observes @Priority(1) StartupEvent event) {
    if (json) {
      int handlers = JsonConsoleLogs.install(LogContext.getLogContext().getLogger(""));
      LOG.info("console logs are JSON lines (" + handlers + " console handler(s))");
    }
  }
}
