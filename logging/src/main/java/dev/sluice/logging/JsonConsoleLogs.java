package dev.sluice.logging;

import static java.util.Objects.requireNonNull;

import java.util.logging.Handler;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Turns console logging into one JSON object per line: timestamp, level, loggerName, message,
 * threadName, the MDC as an {@code mdc} object and, for a failure, the exception. The
 * quarkus-logging-json extension does not resolve on the build machines' mirror, so this installs
 * jboss-logmanager's structured layout ({@link JsonLineFormatter}) itself.
 */
public final class JsonConsoleLogs {
  private JsonConsoleLogs() {}

  /**
   * Gives every console handler under {@code root} (also those nested in delayed or async handlers,
   * as Quarkus installs them) a JSON formatter.
   *
   * @return how many console handlers now write JSON
   */
  public static int install(Logger root) {
    requireNonNull(root, "root is null");
    int installed = 0;
    for (Handler handler : root.getHandlers()) {
      installed += install(handler);
    }
    return installed;
  }

  private static int install(Handler handler) {
    if (handler instanceof ConsoleHandler console) {
      console.setFormatter(new JsonLineFormatter());
      return 1;
    }
    int installed = 0;
    if (handler instanceof ExtHandler parent) {
      for (Handler child : parent.getHandlers()) {
        installed += install(child);
      }
    }
    return installed;
  }
}
