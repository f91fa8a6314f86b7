package dev.sluice.worker.control;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Test-only crash points for the fault-injection suite (docs/FAULTS.md): moments a process kill
 * from outside cannot hit reliably, such as between the last upload and the commit. Off unless the
 * system property {@value #TRIGGER_DIR_PROPERTY} names a directory; then, at each point, a file of
 * the point's name in that directory is claimed (deleted) and the JVM halts at once, like kill -9:
 * no shutdown hook, no abort, no cleanup. The check is one file lookup per task round, never per
 * record.
 */
final class FaultPoints {
  static final String TRIGGER_DIR_PROPERTY = "sluice.worker.fault.trigger-dir";

  /** The points, each named by the file that triggers it. */
  enum Point {
    /** Every tablet is uploaded; the commit is not sent. */
    HALT_BEFORE_COMMIT("halt-before-commit"),
    /** The commit was applied and answered; the worker dies before acting on the answer. */
    HALT_AFTER_COMMIT("halt-after-commit");

    final String fileName;

    Point(String fileName) {
      this.fileName = fileName;
    }
  }

  /** What a triggered point does; the JVM's halt in production. */
  interface Halt {
    void halt(Point point);
  }

  private static final Logger LOG = Logger.getLogger(FaultPoints.class.getName());

  private final Optional<Path> triggerDir;
  private final Halt halt;

  FaultPoints(Optional<Path> triggerDir, Halt halt) {
    this.triggerDir = requireNonNull(triggerDir, "triggerDir is null");
    this.halt = requireNonNull(halt, "halt is null");
  }

  /** From the system property; halting the JVM with exit code 137, as SIGKILL would. */
  static FaultPoints fromSystemProperties() {
    Optional<Path> dir =
        Optional.ofNullable(System.getProperty(TRIGGER_DIR_PROPERTY))
            .filter(value -> !value.isBlank())
            .map(Path::of);
    return new FaultPoints(
        dir,
        point -> {
          LOG.severe("fault point " + point.fileName + " triggered: halting");
          Runtime.getRuntime().halt(137);
        });
  }

  void reach(Point point) {
    if (triggerDir.isEmpty()) {
      return;
    }
    boolean claimed;
    try {
      // Deleting claims the trigger: with several task slots, exactly one of them halts.
      claimed = Files.deleteIfExists(triggerDir.get().resolve(point.fileName));
    } catch (IOException e) {
      claimed = false;
    }
    if (claimed) {
      halt.halt(point);
    }
  }
}
