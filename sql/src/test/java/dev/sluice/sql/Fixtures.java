package dev.sluice.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the SQL fixtures under src/test/resources/{seeds,extra}: files in which a line {@code
 * -- @fixture <kind> <name>} starts a fixture that runs to the next such line. The text between is
 * kept exactly (only the final line break is dropped), because seed fixtures are verbatim copies of
 * the reference documents.
 *
 * <p>Kinds: {@code statements} (a script for parseStatements), {@code rejected} (must fail), {@code
 * load-clause} (a clause of ALTER ROUTINE LOAD), {@code properties} / {@code kafka-properties}
 * (pairs for PROPERTIES / FROM KAFKA), {@code expression}.
 */
final class Fixtures {

  private static final String MARKER = "-- @fixture ";

  record Fixture(String file, String kind, String name, String text) {
    @Override
    public String toString() {
      return file + " " + name;
    }
  }

  private Fixtures() {}

  static List<Fixture> inDirectory(String directory) {
    URL url = Fixtures.class.getClassLoader().getResource(directory);
    if (url == null) {
      throw new IllegalStateException("no test resource directory " + directory);
    }
    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
      List<Fixture> fixtures = new ArrayList<>();
      for (Path file : files.sorted().toList()) {
        fixtures.addAll(read(file));
      }
      return fixtures;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Fixture get(String directory, String filePrefix, String name) {
    return inDirectory(directory).stream()
        .filter(f -> f.file().startsWith(filePrefix) && f.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no fixture " + filePrefix + " " + name));
  }

  private static List<Fixture> read(Path file) throws IOException {
    List<Fixture> fixtures = new ArrayList<>();
    String kind = null;
    String name = null;
    StringBuilder text = new StringBuilder();
    for (String line : Files.readString(file, StandardCharsets.UTF_8).split("\n", -1)) {
      if (line.startsWith(MARKER)) {
        if (kind != null) {
          fixtures.add(fixture(file, kind, name, text));
        }
        String[] parts = line.substring(MARKER.length()).split(" ");
        kind = parts[0];
        name = parts[1];
        text.setLength(0);
      } else if (kind != null) {
        text.append(line).append('\n');
      }
    }
    if (kind != null) {
      fixtures.add(fixture(file, kind, name, text));
    }
    return fixtures;
  }

  private static Fixture fixture(Path file, String kind, String name, StringBuilder text) {
    String body = text.toString();
    // One line break ends the fixture; the file's own final line break is one more.
    while (body.endsWith("\n")) {
      body = body.substring(0, body.length() - 1);
    }
    return new Fixture(file.getFileName().toString(), kind, name, body);
  }
}
