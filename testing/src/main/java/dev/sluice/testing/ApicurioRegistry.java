package dev.sluice.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Apicurio Registry, a third-party schema registry, as a child process on 127.0.0.1 with its
 * in-memory storage. Its Confluent-compatible API is at {@link #CONFLUENT_API_PATH}. The build
 * unpacks the runnable distribution from Maven Central ({@code io.apicurio:apicurio-registry-app},
 * classifier {@code all}) into {@code testing/target/servers}; see decision 0030.
 */
final class ApicurioRegistry implements AutoCloseable {

  /** Where the Confluent-compatible REST API is, below {@link #baseUrl()}. */
  static final String CONFLUENT_API_PATH = "/apis/ccompat/v7";

  private final Path home;
  private final int port;
  private final ServiceProcess process;

  private ApicurioRegistry(Path home, int port, ServiceProcess process) {
    this.home = home;
    this.port = port;
    this.process = process;
  }

  /** Starts the registry on a free port, in a temporary directory, and waits until it listens. */
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
    return new ApicurioRegistry(
        home, port, ServiceProcess.start("apicurio-registry", command, Map.of(), home));
  }

  /** Scheme, host and port. */
  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.close();
    ServerFiles.deleteQuietly(home);
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
