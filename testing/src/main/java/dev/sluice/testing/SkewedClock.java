package dev.sluice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The environment that gives a child process a wall clock {@code offset} away from this machine's,
 * as on a host whose clock is off, through libfaketime (Debian's {@code faketime} package, which
 * .ci/run installs). The monotonic clock stays true, as it does on such a host.
 */
public final class SkewedClock {
  private static final Path LIBRARIES = Path.of("/usr/lib");

  private SkewedClock() {}

  public static Map<String, String> environment(Duration offset) {
    long seconds = offset.toSeconds();
    return Map.of(
        "LD_PRELOAD",
        library().toString(),
        "FAKETIME",
        (seconds < 0 ? "-" : "+") + Math.abs(seconds) + "s",
        "FAKETIME_DONT_FAKE_MONOTONIC",
        "1");
  }

  private static Path library() {
    try (Stream<Path> found = Files.find(LIBRARIES, 4, (path, attributes) -> isLibfaketime(path))) {
      return found
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "libfaketime not found under /usr/lib: install Debian's faketime package"
                          + " (apt-get install faketime)"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isLibfaketime(Path path) {
    return path.getFileName().toString().equals("libfaketimeMT.so.1")
        && path.getParent().getFileName().toString().equals("faketime");
  }
}
