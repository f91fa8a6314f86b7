package dev.sluice.testing;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.UUID;

/**
 * What a secured test broker accepts: certificates for its SSL and SASL_SSL listeners (clients of
 * the SSL listener must present {@link KafkaTls#clientCertificate()}), one PLAIN user and one SCRAM
 * user (SCRAM-SHA-256 and SCRAM-SHA-512) for its SASL listeners. Passwords are random per run.
 */
public record KafkaSecurity(
    KafkaTls tls, String plainUser, String plainPassword, String scramUser, String scramPassword) {

  public KafkaSecurity {
    requireNonNull(tls, "tls is null");
    requireNonNull(plainUser, "plainUser is null");
    requireNonNull(plainPassword, "plainPassword is null");
    requireNonNull(scramUser, "scramUser is null");
    requireNonNull(scramPassword, "scramPassword is null");
  }

  /** Fresh certificates (made in {@code dir}) and random passwords. */
  public static KafkaSecurity generate(Path dir) {
    return new KafkaSecurity(
        KafkaTls.generate(dir),
        "alice",
        "plain-" + UUID.randomUUID(),
        "carol",
        "scram-" + UUID.randomUUID());
  }

  /** The listeners of a secured broker, besides its PLAINTEXT one. */
  public enum Listener {
    SSL,
    SASL_PLAINTEXT,
    SASL_SSL
  }
}
