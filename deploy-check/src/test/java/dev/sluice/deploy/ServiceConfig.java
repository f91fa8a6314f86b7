package dev.sluice.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration a service understands, read from its sources: the keys of its
 * application.properties, the environment variables those values read ({@code ${NAME:default}}),
 * and the names of its {@code @ConfigProperty} fields and {@code @ConfigMapping} interfaces. An
 * environment variable is known when it is one of those variables or the environment form of one of
 * those properties (upper case, every other character an underscore), which is how Quarkus maps
 * them.
 */
final class ServiceConfig {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
  private static final Pattern CONFIG_PROPERTY =
      Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern CONFIG_MAPPING =
      Pattern.compile("@ConfigMapping\\(prefix = \"([^\"]+)\"\\)");
  private static final Pattern MAPPING_METHOD =
      Pattern.compile("\\n  [A-Za-z<>]+ ([a-z][A-Za-z]*)\\(\\);");

  final String module;
  final Set<String> properties = new TreeSet<>();
  final Set<String> environment = new TreeSet<>();

  private ServiceConfig(String module) {
    this.module = module;
  }

  static ServiceConfig of(String module) {
    ServiceConfig config = new ServiceConfig(module);
    Path moduleDir = Repository.ROOT.resolve(module);
    String text = Repository.read(moduleDir.resolve("src/main/resources/application.properties"));
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String key : properties.stringPropertyNames()) {
      // %test.x and other profiles configure the same property x.
      config.properties.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
    }
    Matcher placeholder = PLACEHOLDER.matcher(text);
    while (placeholder.find()) {
      config.environment.add(placeholder.group(1));
    }
    try (Stream<Path> sources = Files.walk(moduleDir.resolve("src/main/java"))) {
      sources.filter(p -> p.toString().endsWith(".java")).forEach(config::readSource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (config.properties.isEmpty()) {
      throw new AssertionError("no configuration found for " + module);
    }
    return config;
  }

  private void readSource(Path source) {
    String text = Repository.read(source);
    Matcher property = CONFIG_PROPERTY.matcher(text);
    while (property.find()) {
      properties.add(property.group(1));
    }
    Matcher mapping = CONFIG_MAPPING.matcher(text);
    if (mapping.find()) {
      Matcher method = MAPPING_METHOD.matcher(text);
      while (method.find()) {
        properties.add(mapping.group(1) + "." + kebab(method.group(1)));
      }
    }
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  static String environmentForm(String property) {
    return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  boolean knowsEnvironmentVariable(String name) {
    return environment.contains(name)
        || properties.stream().anyMatch(p -> environmentForm(p).equals(name));
  }

  @Override
  public String toString() {
    return module;
  }
}
