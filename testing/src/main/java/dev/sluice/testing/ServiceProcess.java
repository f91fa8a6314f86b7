package dev.sluice.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Sluice service (control plane or worker) running as its own JVM from its Quarkus jar: how
 * {@code sluice local} runs the stack, and how tests kill a service with SIGKILL exactly as a crash
 * would.
 */
public final class ServiceProcess implements AutoCloseable {
  // A bound, not a wait: a JVM under libfaketime on a loaded 2-core machine took over a minute.
  private static final Duration STARTUP = Duration.ofSeconds(180);

  private final String name;
  private final Process process;
  private final Path log;

  private ServiceProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** The command line that runs {@code module}'s Quarkus jar with the given properties. */
  public static List<String> command(String module, Map<String, String> properties) {
    return command(module, List.of(), properties);
  }

  /**
   * The command line that runs {@code module}'s Quarkus jar; {@code jvmOptions} come after the
   * defaults (a small heap, the serial collector), so they can override them.
   */
  public static List<String> command(
      String module, List<String> jvmOptions, Map<String, String> properties) {
    Path jar = root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: build " + module + " first");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-XX:+UseSerialGC");
    command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
    command.addAll(jvmOptions);
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(jar.toString());
    return command;
  }

  /** Starts {@code module}'s jar with the given system properties and waits until it listens. */
  public static ServiceProcess start(
      String name, String module, Map<String, String> properties, Path logDir) {
    return start(name, module, List.of(), properties, Map.of(), logDir);
  }

  /**
   * Starts {@code module}'s jar with system properties and extra environment variables. Secrets
   * (tokens, keys) go in the environment: a command line is visible to every user of the machine.
   */
  public static ServiceProcess start(
      String name,
      String module,
      Map<String, String> properties,
      Map<String, String> environment,
      Path logDir) {
    return start(name, module, List.of(), properties, environment, logDir);
  }

  /** Starts {@code module}'s jar with extra JVM options, as {@link #command(String, List, Map)}. */
  public static ServiceProcess start(
      String name,
      String module,
      List<String> jvmOptions,
      Map<String, String> properties,
      Map<String, String> environment,
      Path logDir) {
    return start(name, command(module, jvmOptions, properties), environment, logDir);
  }

  /**
   * Starts {@code command}, a Quarkus application, with extra environment variables; its output
   * goes to {@code <name>.log} in {@code logDir}. Waits until the application says it started.
   */
  public static ServiceProcess start(
      String name, List<String> command, Map<String, String> environment, Path logDir) {
    Path log = logDir.resolve(name + ".log");
    try {
      Files.createDirectories(logDir);
      // The log is appended to across restarts: only what this start writes counts.
      long logStart = Files.exists(log) ? Files.size(log) : 0;
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment);
      Process process = builder.start();
      ServiceProcess service = new ServiceProcess(name, process, log);
      service.awaitStarted(logStart);
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitStarted(long logStart) throws IOException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      byte[] written = Files.exists(log) ? Files.readAllBytes(log) : new byte[0];
      String text =
          new String(
              written,
              (int) logStart,
              Math.max(0, written.length - (int) logStart),
              java.nio.charset.StandardCharsets.UTF_8);
      if (text.contains("Listening on:") || text.contains("started in")) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited at start:\n" + tail());
      }
      sleep(200);
    }
    throw new IllegalStateException(name + " did not start in " + STARTUP + ":\n" + tail());
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed, exactly like a crash. */
  public void kill() {
    process.destroyForcibly();
    waitFor();
  }

  public String name() {
    return name;
  }

  /** The operating system's process id, e.g. to read its memory from /proc. */
  public long pid() {
    return process.pid();
  }

  /**
   * SIGSTOP: the process freezes mid-instruction, like a long GC pause or a stalled VM, and its
   * leases run out while it cannot notice. {@link #resume()} lets it go on where it stopped.
   */
  public void suspend() {
    signal("STOP");
  }

  /** SIGCONT after {@link #suspend()}. */
  public void resume() {
    signal("CONT");
  }

  private void signal(String signal) {
    if (!process.isAlive()) {
      return;
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || (kill.exitValue() != 0 && process.isAlive())) {
        throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling " + name, e);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Stops the service gracefully (SIGTERM), forcibly after 20 seconds. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void waitFor() {
    try {
      process.waitFor(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The checkout the services' jars are built in: {@code -Dsluice.root}, set by the launcher. */
  public static Path root() {
    return Path.of(requireNonNull(System.getProperty("sluice.root"), "sluice.root is not set"))
        .toAbsolutePath()
        .normalize();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
