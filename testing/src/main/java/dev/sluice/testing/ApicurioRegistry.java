package dev.sluice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Apicurio Registry, a third-party schema registry, as a child process on 127.0.0.1 with its
 * in-memory storage. Its Confluent-compatible API is at {@link #confluentApi()}. The build unpacks
 * the runnable distribution from Maven Central ({@code io.apicurio:apicurio-registry-app},
 * classifier {@code all}) into {@code testing/target/servers}; see decision 0030.
 */
final class ApicurioRegistry implements AutoCloseable {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

  private final int port;
  private final Path log;
  private final Process process;

  private ApicurioRegistry(int port, Path log, Process process) {
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /** Starts the registry on a free port and waits until its Confluent API answers. */
  static ApicurioRegistry start() {
    Path home = ServerFiles.tempDirectory("sluice-apicurio-");
    int port = FreePort.find();
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            // Small and quick to start: a test server sharing two cores with everything else.
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Djava.io.tmpdir=" + ServerFiles.createDirectories(home.resolve("tmp")),
            "-Dquarkus.http.host=127.0.0.1",
            "-Dquarkus.http.port=" + port,
            "-jar",
            runnerJar().toString());
    Path log = home.resolve("apicurio-registry.log");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(home.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      ApicurioRegistry registry = new ApicurioRegistry(port, log, process);
      registry.awaitReady();
      return registry;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** The base URL of the Confluent-compatible REST API (what a Confluent client is given). */
  String confluentApi() {
    return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitReady() {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create(confluentApi() + "/subjects"))
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw startFailure("exited with code " + process.exitValue());
      }
      try {
        if (client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new IllegalStateException("interrupted while starting Apicurio Registry", e);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new IllegalStateException("interrupted while starting Apicurio Registry", e);
      }
    }
    close();
    throw startFailure("did not answer within " + STARTUP_TIMEOUT.toSeconds() + " s");
  }

  private IllegalStateException startFailure(String what) {
    return new IllegalStateException(
        "Apicurio Registry on port " + port + " " + what + "\n" + ServerFiles.tail(log, 40));
  }

  private static Path runnerJar() {
    Properties built = ServersBuilt.properties();
    String home = built.getProperty("apicurio-registry.home", "");
    String version = built.getProperty("apicurio-registry.version", "");
    Path jar = Path.of(home).resolve("apicurio-registry-app-" + version + "-runner.jar");
    // An unfiltered copy of the resource (an IDE build) still holds the ${...} placeholders.
    if (home.isBlank() || home.contains("${") || !Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "Apicurio Registry not found at "
              + jar
              + ": build the testing module (./mvnw -pl testing package) to unpack it");
    }
    return jar;
  }
}
