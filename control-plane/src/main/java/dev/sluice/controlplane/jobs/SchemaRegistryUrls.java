package dev.sluice.controlplane.jobs;

import dev.sluice.controlplane.catalog.StorageVolume;
import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks and masks {@code confluent.schema.registry.url}: {@code
 * http[s]://[key:secret@]host[:port][/path]}. The worker parses it again to connect; here it is
 * checked at CREATE/ALTER so that a typo is reported then, and masked wherever it is shown.
 */
final class SchemaRegistryUrls {

  private static final Pattern CREDENTIALS =
      Pattern.compile("^(\\s*[A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@");

  private SchemaRegistryUrls() {}

  /** Requires a schema registry URL when the format is avro, and a well-formed one when given. */
  static void validate(JobProperties properties, KafkaSourceProperties source) {
    String url = source.customProperties().get(KafkaSourceProperties.SCHEMA_REGISTRY_URL);
    if (url == null) {
      if (properties.format().equals("avro")) {
        throw invalid(
            "format \"avro\" needs \""
                + KafkaSourceProperties.SCHEMA_REGISTRY_URL
                + "\" in FROM KAFKA: the schema registry the writer schemas are fetched from");
      }
      return;
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw invalid(
          KafkaSourceProperties.SCHEMA_REGISTRY_URL + " is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw invalid(
          KafkaSourceProperties.SCHEMA_REGISTRY_URL + " must start with http:// or https://");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw invalid(KafkaSourceProperties.SCHEMA_REGISTRY_URL + " has no host name");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw invalid(
          KafkaSourceProperties.SCHEMA_REGISTRY_URL + " must not have a query or fragment");
    }
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && userInfo.indexOf(':') <= 0) {
      throw invalid(
          KafkaSourceProperties.SCHEMA_REGISTRY_URL + " credentials must be written key:secret@");
    }
  }

  /** The URL with its {@code key:secret@} part, if any, shown as {@code ******@}. */
  static String mask(String url) {
    return CREDENTIALS.matcher(url).replaceFirst("$1" + StorageVolume.MASK + "@");
  }

  private static SluiceException invalid(String message) {
    return new SluiceException(ErrorCode.INVALID_ARGUMENT, message);
  }
}
