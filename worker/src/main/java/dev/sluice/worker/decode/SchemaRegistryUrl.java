package dev.sluice.worker.decode;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@code confluent.schema.registry.url}: {@code http[s]://[key:secret@]host[:port][/path]}. The
 * credentials become an HTTP Basic authorization header and never appear in {@link #display()}.
 *
 * @param base the URL without credentials and without a trailing slash
 * @param authorization the value of the Authorization header, when the URL has credentials
 */
public record SchemaRegistryUrl(URI base, Optional<String> authorization) {

  public SchemaRegistryUrl {
    requireNonNull(base, "base is null");
    requireNonNull(authorization, "authorization is null");
  }

  /**
   * Parses the property's value.
   *
   * @throws IllegalArgumentException naming the problem, without echoing credentials
   */
  public static SchemaRegistryUrl parse(String text) {
    requireNonNull(text, "text is null");
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "confluent.schema.registry.url is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "confluent.schema.registry.url must start with http:// or https://");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("confluent.schema.registry.url has no host name");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "confluent.schema.registry.url must not have a query or fragment");
    }
    Optional<String> authorization = Optional.empty();
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "confluent.schema.registry.url credentials must be written key:secret@");
      }
      String credentials =
          URLDecoder.decode(userInfo.substring(0, colon), StandardCharsets.UTF_8)
              + ":"
              + URLDecoder.decode(userInfo.substring(colon + 1), StandardCharsets.UTF_8);
      authorization =
          Optional.of(
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    URI base =
        URI.create(
            scheme
                + "://"
                + (uri.getHost().contains(":") && !uri.getHost().startsWith("[")
                    ? "[" + uri.getHost() + "]"
                    : uri.getHost())
                + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                + path);
    return new SchemaRegistryUrl(base, authorization);
  }

  /** The URL to fetch schema {@code id}. */
  URI schemaById(int id) {
    return URI.create(base + "/schemas/ids/" + Integer.toUnsignedString(id));
  }

  /** The URL for messages: without credentials. */
  public String display() {
    return base.toString();
  }
}
