package dev.sluice.controlplane.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one list of what counts as a secret, for storage volume, Kafka and schema registry properties
 * alike: values of these names are encrypted at rest and shown as {@value #MASK}; a URL with {@code
 * user:password@} anywhere is encrypted and shown with its credentials masked.
 */
public final class SecretNames {
  public static final String MASK = "******";

  /** Parts of property names whose values are credentials. */
  private static final List<String> SECRET_NAME_PARTS =
      List.of(
          "password",
          "secret",
          "token",
          "credential",
          "sasl.jaas.config",
          "basic.auth.user.info",
          "ssl.keystore.key",
          "key.pem",
          "ssl.key.location");

  private static final Pattern URL_CREDENTIALS = Pattern.compile("(://)([^/@\\s]+)@");

  private SecretNames() {}

  /** True when values of {@code name} are credentials. */
  public static boolean isSecret(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith("access_key") || lower.endsWith("access-key")) {
      return true;
    }
    for (String part : SECRET_NAME_PARTS) {
      if (lower.contains(part)) {
        return true;
      }
    }
    return false;
  }

  /** True when the value must be encrypted at rest: a secret name, or a URL with credentials. */
  public static boolean holdsSecret(String name, String value) {
    return isSecret(name) || URL_CREDENTIALS.matcher(value).find();
  }

  /** What SHOW and DESC print for the value. */
  public static String mask(String name, String value) {
    if (isSecret(name) || SecretCipher.isSealed(value)) {
      return MASK;
    }
    Matcher matcher = URL_CREDENTIALS.matcher(value);
    return matcher.find() ? matcher.replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@") : value;
  }

  /**
   * The statement text with the secret values among {@code properties} replaced by {@value #MASK},
   * as written or escaped in a quoted literal, so that the text can be stored and shown.
   */
  public static String maskedSql(String sql, Map<String, String> properties) {
    String masked = sql;
    for (Map.Entry<String, String> property : properties.entrySet()) {
      String value = property.getValue();
      if (value.isEmpty() || !holdsSecret(property.getKey(), value)) {
        continue;
      }
      String escaped = value.replace("\\", "\\\\");
      for (String written :
          List.of(
              value,
              escaped.replace("\"", "\\\""),
              escaped.replace("'", "\\'"),
              value.replace("\"", "\"\""),
              value.replace("'", "''"))) {
        masked = masked.replace(written, MASK);
      }
    }
    return masked;
  }

  /** Every value of {@code properties} as SHOW and DESC print it. */
  public static Map<String, String> masked(Map<String, String> properties) {
    Map<String, String> masked = new LinkedHashMap<>();
    properties.forEach((name, value) -> masked.put(name, mask(name, value)));
    return masked;
  }
}
