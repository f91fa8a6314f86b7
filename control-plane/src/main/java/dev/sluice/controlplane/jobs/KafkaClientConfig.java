package dev.sluice.controlplane.jobs;

import static dev.sluice.controlplane.jobs.JobProperties.invalid;
import static java.util.Objects.requireNonNull;

import dev.sluice.controlplane.catalog.FileService;
import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import dev.sluice.controlplane.security.SecretCipher;
import dev.sluice.controlplane.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a job's {@code property.*} entries into the Java Kafka client's settings, once, for both
 * the control plane's admin client and the workers' consumers (which receive the result in the
 * lease): secrets decrypted, {@code FILE:<name>} references replaced by the files' PEM text, and
 * librdkafka's names, which StarRocks users write, mapped to the Java client's:
 *
 * <ul>
 *   <li>{@code ssl.ca.location} → {@code ssl.truststore.certificates} (type PEM)
 *   <li>{@code ssl.certificate.location} → {@code ssl.keystore.certificate.chain} (type PEM)
 *   <li>{@code ssl.key.location} → {@code ssl.keystore.key} (PKCS#1 RSA keys rewrapped as PKCS#8)
 *   <li>{@code sasl.mechanisms} → {@code sasl.mechanism}; {@code sasl.username} and {@code
 *       sasl.password} → {@code sasl.jaas.config} for PLAIN and SCRAM
 * </ul>
 *
 * Every other property goes to the client as given; a {@code FILE:} reference in any of them is
 * replaced by the file's text, so the in-memory PEM settings of the Java client take files too.
 */
public final class KafkaClientConfig {
  public static final List<String> SECURITY_PROTOCOLS =
      List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
  public static final List<String> SASL_MECHANISMS =
      List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

  private static final String SECURITY_PROTOCOL = "security.protocol";
  private static final String SASL_MECHANISM = "sasl.mechanism";
  private static final String SASL_MECHANISMS_LIBRDKAFKA = "sasl.mechanisms";
  private static final String SASL_USERNAME = "sasl.username";
  private static final String SASL_PASSWORD = "sasl.password";
  private static final String SASL_JAAS_CONFIG = "sasl.jaas.config";
  private static final String TRUSTSTORE_TYPE = "ssl.truststore.type";
  private static final String TRUSTSTORE_CERTIFICATES = "ssl.truststore.certificates";
  private static final String KEYSTORE_TYPE = "ssl.keystore.type";
  private static final String KEYSTORE_CHAIN = "ssl.keystore.certificate.chain";
  private static final String KEYSTORE_KEY = "ssl.keystore.key";
  private static final Pattern PEM_BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----.*?-----END \\1-----\\s*", Pattern.DOTALL);

  private final Database database;
  private final FileService files;
  private final SecretCipher cipher;

  public KafkaClientConfig(Database database, FileService files, SecretCipher cipher) {
    this.database = requireNonNull(database, "database is null");
    this.files = requireNonNull(files, "files is null");
    this.cipher = requireNonNull(cipher, "cipher is null");
  }

  /** Checks a job's Kafka properties at CREATE and ALTER: user errors are reported then. */
  void check(Connection connection, String databaseName, KafkaSourceProperties source)
      throws SQLException {
    clientProperties(connection, databaseName, source);
  }

  /** The source as stored: secret values encrypted. */
  KafkaSourceProperties sealed(KafkaSourceProperties source) {
    return source.withCustomProperties(cipher.sealSecrets(source.customProperties()));
  }

  /** The Java client's settings for a job's source (files read in the given transaction). */
  public Map<String, String> clientProperties(
      Connection connection, String databaseName, KafkaSourceProperties source)
      throws SQLException {
    Map<String, String> properties = cipher.openSecrets(source.consumerProperties());
    Set<String> names = fileReferences(properties);
    return translate(properties, files.loadContents(connection, databaseName, names));
  }

  /** The job's source with its custom properties replaced by the client's settings. */
  public KafkaSourceProperties resolve(JobRecord job) {
    Map<String, String> properties = cipher.openSecrets(job.source().consumerProperties());
    Set<String> names = fileReferences(properties);
    Map<String, String> contents =
        names.isEmpty()
            ? Map.of()
            : database.inTransaction(
                connection -> files.loadContents(connection, job.database(), names));
    return job.source().withCustomProperties(translate(properties, contents));
  }

  static Set<String> fileReferences(Map<String, String> properties) {
    Set<String> names = new LinkedHashSet<>();
    for (String value : properties.values()) {
      fileName(value).ifPresent(names::add);
    }
    return names;
  }

  /** Pure translation; {@code files} holds the text of every referenced file. */
  static Map<String, String> translate(Map<String, String> given, Map<String, String> files) {
    Map<String, String> client = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : given.entrySet()) {
      String name = entry.getKey();
      String value = entry.getValue();
      switch (name) {
        case "ssl.ca.location" -> {
          client.put(TRUSTSTORE_TYPE, "PEM");
          client.put(TRUSTSTORE_CERTIFICATES, requireFile(name, value, files));
        }
        case "ssl.certificate.location" -> {
          client.put(KEYSTORE_TYPE, "PEM");
          client.put(KEYSTORE_CHAIN, requireFile(name, value, files));
        }
        case "ssl.key.location" -> {
          client.put(KEYSTORE_TYPE, "PEM");
          client.put(KEYSTORE_KEY, PemKeys.toPkcs8(requireFile(name, value, files), name));
        }
        case "ssl.truststore.location" -> {
          if (fileName(value).isPresent()) {
            client.put(TRUSTSTORE_TYPE, "PEM");
            client.put(TRUSTSTORE_CERTIFICATES, requireFile(name, value, files));
          } else {
            client.put(name, value);
          }
        }
        case "ssl.keystore.location" -> {
          if (fileName(value).isPresent()) {
            splitKeystore(name, requireFile(name, value, files), client);
          } else {
            client.put(name, value);
          }
        }
        case KEYSTORE_KEY -> client.put(name, PemKeys.toPkcs8(contentOf(name, value, files), name));
        case SECURITY_PROTOCOL -> client.put(name, oneOf(name, value, SECURITY_PROTOCOLS));
        case SASL_MECHANISM, SASL_MECHANISMS_LIBRDKAFKA -> {
          if (given.containsKey(SASL_MECHANISM) && given.containsKey(SASL_MECHANISMS_LIBRDKAFKA)) {
            throw invalid("give either property.sasl.mechanism or property.sasl.mechanisms");
          }
          String mechanism = value.trim().toUpperCase(Locale.ROOT);
          if (!SASL_MECHANISMS.contains(mechanism)) {
            throw new SluiceException(
                ErrorCode.NOT_SUPPORTED,
                "property."
                    + name
                    + ": '"
                    + value
                    + "' is not supported; use "
                    + String.join(", ", SASL_MECHANISMS));
          }
          client.put(SASL_MECHANISM, mechanism);
        }
        case SASL_USERNAME, SASL_PASSWORD -> {
          // Combined into sasl.jaas.config below.
        }
        default -> client.put(name, contentOf(name, value, files));
      }
    }
    addJaasConfig(given, client);
    requireSaslSettings(client);
    return client;
  }

  private static void addJaasConfig(Map<String, String> given, Map<String, String> client) {
    boolean user = given.containsKey(SASL_USERNAME);
    boolean password = given.containsKey(SASL_PASSWORD);
    if (!user && !password) {
      return;
    }
    if (!user || !password) {
      throw invalid("property.sasl.username and property.sasl.password go together");
    }
    if (given.containsKey(SASL_JAAS_CONFIG)) {
      throw invalid(
          "give either property.sasl.username/property.sasl.password or"
              + " property.sasl.jaas.config, not both");
    }
    String mechanism = client.get(SASL_MECHANISM);
    if (mechanism == null) {
      throw invalid(
          "property.sasl.username needs property.sasl.mechanism: one of "
              + String.join(", ", SASL_MECHANISMS));
    }
    String module =
        mechanism.equals("PLAIN")
            ? "org.apache.kafka.common.security.plain.PlainLoginModule"
            : "org.apache.kafka.common.security.scram.ScramLoginModule";
    client.put(
        SASL_JAAS_CONFIG,
        module
            + " required username=\""
            + jaasQuoted(given.get(SASL_USERNAME))
            + "\" password=\""
            + jaasQuoted(given.get(SASL_PASSWORD))
            + "\";");
  }

  private static void requireSaslSettings(Map<String, String> client) {
    String protocol = client.getOrDefault(SECURITY_PROTOCOL, "PLAINTEXT");
    if (!protocol.startsWith("SASL_")) {
      return;
    }
    if (!client.containsKey(SASL_MECHANISM)) {
      throw invalid(
          "security.protocol "
              + protocol
              + " needs property.sasl.mechanism: one of "
              + String.join(", ", SASL_MECHANISMS));
    }
    if (!client.containsKey(SASL_JAAS_CONFIG)) {
      throw invalid(
          "security.protocol "
              + protocol
              + " needs property.sasl.username and property.sasl.password");
    }
  }

  /** A PEM file holding a private key and certificates: the key and the chain, for PEM type. */
  private static void splitKeystore(String name, String pem, Map<String, String> client) {
    StringBuilder key = new StringBuilder();
    StringBuilder chain = new StringBuilder();
    Matcher block = PEM_BLOCK.matcher(pem);
    while (block.find()) {
      StringBuilder part = block.group(1).contains("PRIVATE KEY") ? key : chain;
      part.append(block.group().trim()).append('\n');
    }
    if (key.isEmpty() || chain.isEmpty()) {
      throw invalid(
          "property."
              + name
              + ": the file must hold a PEM private key and its certificate; keystores in"
              + " JKS or PKCS12 are not supported as FILE:");
    }
    client.put(KEYSTORE_TYPE, "PEM");
    client.put(KEYSTORE_KEY, PemKeys.toPkcs8(key.toString(), name));
    client.put(KEYSTORE_CHAIN, chain.toString());
  }

  private static String requireFile(String name, String value, Map<String, String> files) {
    if (fileName(value).isEmpty()) {
      throw invalid(
          "property."
              + name
              + " must name a file created with CREATE FILE, as \"FILE:<name>\"; got '"
              + value
              + "'");
    }
    return contentOf(name, value, files);
  }

  private static String contentOf(String name, String value, Map<String, String> files) {
    Optional<String> file = fileName(value);
    if (file.isEmpty()) {
      return value;
    }
    String content = files.get(file.get());
    if (content == null) {
      throw new SluiceException(
          ErrorCode.UNKNOWN_FILE, "property." + name + ": unknown file '" + file.get() + "'");
    }
    return content;
  }

  private static Optional<String> fileName(String value) {
    if (value.regionMatches(true, 0, FileService.REFERENCE_PREFIX, 0, 5)) {
      String name = value.substring(FileService.REFERENCE_PREFIX.length()).trim();
      if (!name.isEmpty()) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  private static String oneOf(String name, String value, List<String> allowed) {
    String upper = value.trim().toUpperCase(Locale.ROOT);
    if (!allowed.contains(upper)) {
      throw invalid(
          "property." + name + ": '" + value + "' is not one of " + String.join(", ", allowed));
    }
    return upper;
  }

  /** JAAS reads quoted values with backslash escapes. */
  private static String jaasQuoted(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' || c == '"') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
