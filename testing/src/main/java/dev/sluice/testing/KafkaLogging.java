package dev.sluice.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.LoggerFactory;

/**
 * Keeps an in-process broker from flooding test output or ending the JVM.
 *
 * <p>Kafka logs through slf4j, whose binding belongs to the JVM's owner, so levels are lowered only
 * where that can be done without a logging framework of ours: JUL loggers (jboss-logmanager,
 * slf4j-jdk14) and slf4j-simple's system properties. A level configured by the owner is kept.
 */
final class KafkaLogging {

  private static final String LOG4J_FACTORY = "log4j2.loggerContextFactory";

  private static final Map<String, Level> LEVELS =
      Map.of(
          "kafka", Level.WARNING,
          "org.apache.kafka", Level.WARNING,
          "state.change.logger", Level.WARNING,
          // Warns on every start that it is activating; nothing is wrong.
          "org.apache.kafka.controller.QuorumController", Level.SEVERE);

  // JUL holds loggers weakly; a level set on a collected logger would be lost.
  private static final List<Logger> RETAINED = new ArrayList<>();
  private static boolean done;

  private KafkaLogging() {}

  static synchronized void quiet() {
    if (done) {
      return;
    }
    done = true;
    LEVELS.forEach(
        (name, level) -> {
          String simpleLoggerKey = "org.slf4j.simpleLogger.log." + name;
          if (System.getProperty(simpleLoggerKey) == null) {
            System.setProperty(simpleLoggerKey, level == Level.SEVERE ? "error" : "warn");
          }
          Logger logger = Logger.getLogger(name);
          if (logger.getLevel() == null) {
            logger.setLevel(level);
          }
          RETAINED.add(logger);
        });
    quietLog4jApi();
    // A fatal broker fault calls Exit.halt; in a test JVM that kills the run without a report.
    Exit.setHaltProcedure(KafkaLogging::refuseToEndJvm);
    Exit.setExitProcedure(KafkaLogging::refuseToEndJvm);
  }

  /**
   * Kafka's logging controller is its only user of log4j-api. With no log4j provider on the class
   * path (Quarkus brings none) log4j-api prints an ERROR about that; its own simple logger instead
   * stays silent below ERROR.
   */
  private static void quietLog4jApi() {
    if (System.getProperty(LOG4J_FACTORY) == null
        && !hasResource("META-INF/services/org.apache.logging.log4j.spi.Provider")
        && !hasResource("META-INF/log4j-provider.properties")) {
      System.setProperty(
          LOG4J_FACTORY, "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
    }
  }

  private static boolean hasResource(String name) {
    try {
      return KafkaLogging.class.getClassLoader().getResources(name).hasMoreElements();
    } catch (IOException e) {
      return true;
    }
  }

  private static void refuseToEndJvm(int status, String message) {
    String text = "Kafka asked to end the JVM with status " + status + ": " + message;
    LoggerFactory.getLogger(KafkaBroker.class).error(text);
    throw new IllegalStateException(text);
  }
}
