package dev.sluice.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Finds S3Proxy's jar-with-dependencies, which runs as a child process because its bundled
 * libraries would clash with ours on one class path.
 *
 * <p>Order: system property {@value #OVERRIDE_PROPERTY}; the path the build of this module wrote
 * into {@code sluice-servers.properties} (its {@code target/servers/s3proxy.jar}); the local Maven
 * repository, which holds the jar once this module has been built on the machine.
 */
final class S3ProxyJar {

  static final String OVERRIDE_PROPERTY = "sluice.s3proxy.jar";
  private static final String FALLBACK_VERSION = "4.1.0";

  private S3ProxyJar() {}

  static Path locate() {
    String override = System.getProperty(OVERRIDE_PROPERTY);
    if (override != null && !override.isBlank()) {
      Path jar = Path.of(override);
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(
            "-D" + OVERRIDE_PROPERTY + "=" + override + " does not name an existing file");
      }
      return jar;
    }
    Properties build = ServersBuilt.properties();
    List<Path> candidates = new ArrayList<>();
    String built = build.getProperty("s3proxy.jar", "");
    // An unfiltered copy of the resource (an IDE build) still holds the ${...} placeholder.
    if (!built.isBlank() && !built.contains("${")) {
      candidates.add(Path.of(built));
    }
    String version = build.getProperty("s3proxy.version", FALLBACK_VERSION);
    if (version.contains("${")) {
      version = FALLBACK_VERSION;
    }
    candidates.add(
        localRepository()
            .resolve("org/gaul/s3proxy")
            .resolve(version)
            .resolve("s3proxy-" + version + "-jar-with-dependencies.jar"));
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "S3Proxy jar not found; looked at "
            + candidates
            + ". Build the testing module once (./mvnw -pl testing install) or pass -D"
            + OVERRIDE_PROPERTY
            + "=/path/to/s3proxy-jar-with-dependencies.jar");
  }

  private static Path localRepository() {
    String configured = System.getProperty("maven.repo.local");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("user.home"), ".m2", "repository");
  }
}
