package dev.sluice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** File chores shared by the servers: temporary homes, removal, and reading a log's tail. */
final class ServerFiles {

  private ServerFiles() {}

  static Path tempDirectory(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
  }

  static Path createDirectories(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create directory " + dir, e);
    }
  }

  /** Best effort: a leftover temporary directory must not fail a test run. */
  static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // A file still held open by a dying process; the OS cleans temp eventually.
                }
              });
    } catch (IOException | UncheckedIOException ignored) {
      // Same as above.
    }
  }

  /** The last lines of a log file, for failure messages; never throws. */
  static String tail(Path file, int lines) {
    if (file == null || !Files.isRegularFile(file)) {
      return "(no log at " + file + ")";
    }
    try {
      List<String> all = new ArrayList<>();
      // Logs may hold bytes that are not UTF-8; a failure message must still be produced.
      String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      for (String line : text.split("\r?\n")) {
        all.add(line);
      }
      List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
      return "last " + last.size() + " lines of " + file + ":\n  " + String.join("\n  ", last);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }
}
