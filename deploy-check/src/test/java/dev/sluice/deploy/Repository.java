package dev.sluice.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Files of the repository, read from the source tree this module is built in. */
final class Repository {
  static final Path ROOT = findRoot();
  static final Path DEPLOY = ROOT.resolve("deploy");

  private Repository() {}

  private static Path findRoot() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("deploy")) && Files.isRegularFile(p.resolve("mvnw"))) {
        return p;
      }
    }
    throw new IllegalStateException("no repository root above " + dir);
  }

  static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every document of a YAML file, as maps; merge keys ({@code <<}) resolved. */
  static List<Map<String, Object>> yamlDocuments(Path path) {
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(read(path))) {
      if (document != null) {
        documents.add(map(document, path.toString()));
      }
    }
    return documents;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value, String where) {
    if (!(value instanceof Map)) {
      throw new AssertionError(where + " is not a mapping: " + value);
    }
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value, String where) {
    if (!(value instanceof List)) {
      throw new AssertionError(where + " is not a list: " + value);
    }
    return (List<Object>) value;
  }

  /** Follows a path of keys through nested maps. */
  static Object at(Map<String, Object> root, String... keys) {
    Object current = root;
    StringBuilder where = new StringBuilder();
    for (String key : keys) {
      where.append('.').append(key);
      Map<String, Object> map = map(current, where.toString());
      if (!map.containsKey(key)) {
        throw new AssertionError("missing " + where.substring(1));
      }
      current = map.get(key);
    }
    return current;
  }
}
