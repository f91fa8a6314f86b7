package dev.sluice.controlplane.jobs;

import static dev.sluice.controlplane.jobs.KafkaClientConfig.translate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.controlplane.error.SluiceException;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientConfigTest {
  private static final String CA = "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n";
  private static final String CERT =
      "-----BEGIN CERTIFICATE-----\nCLIENT\n-----END CERTIFICATE-----\n";
  private static final String KEY = "-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----\n";
  private static final Map<String, String> FILES =
      Map.of("ca.pem", CA, "client.pem", CERT, "client.key", KEY, "both.pem", KEY + CERT + CA);

  @Test
  void librdkafkaSslNamesBecomeInMemoryPemSettings() {
    Map<String, String> client =
        translate(
            Map.of(
                "security.protocol", "ssl",
                "ssl.ca.location", "FILE:ca.pem",
                "ssl.certificate.location", "FILE:client.pem",
                "ssl.key.location", "FILE:client.key",
                "ssl.key.password", "pw"),
            FILES);

    assertThat(client)
        .containsOnly(
            Map.entry("security.protocol", "SSL"),
            Map.entry("ssl.truststore.type", "PEM"),
            Map.entry("ssl.truststore.certificates", CA),
            Map.entry("ssl.keystore.type", "PEM"),
            Map.entry("ssl.keystore.certificate.chain", CERT),
            Map.entry("ssl.keystore.key", KEY),
            Map.entry("ssl.key.password", "pw"));
  }

  @Test
  void javaNamesTakeFileReferencesToo() {
    Map<String, String> client =
        translate(
            Map.of(
                "ssl.truststore.location", "FILE:ca.pem",
                "ssl.keystore.location", "file:both.pem",
                "ssl.endpoint.identification.algorithm", ""),
            FILES);

    assertThat(client)
        .containsEntry("ssl.truststore.certificates", CA)
        .containsEntry("ssl.keystore.key", KEY)
        .containsEntry("ssl.keystore.certificate.chain", CERT + CA)
        .containsEntry("ssl.keystore.type", "PEM")
        .containsEntry("ssl.endpoint.identification.algorithm", "")
        .doesNotContainKeys("ssl.truststore.location", "ssl.keystore.location");
    assertThat(translate(Map.of("ssl.truststore.location", "/etc/kafka/ca.jks"), FILES))
        .containsEntry("ssl.truststore.location", "/etc/kafka/ca.jks");
  }

  @Test
  void saslUserAndPasswordBecomeAJaasConfigForTheMechanism() {
    assertThat(
            translate(
                Map.of(
                    "security.protocol", "SASL_PLAINTEXT",
                    "sasl.mechanisms", "plain",
                    "sasl.username", "alice",
                    "sasl.password", "a\"b\\c"),
                FILES))
        .containsOnly(
            Map.entry("security.protocol", "SASL_PLAINTEXT"),
            Map.entry("sasl.mechanism", "PLAIN"),
            Map.entry(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required"
                    + " username=\"alice\" password=\"a\\\"b\\\\c\";"));
    assertThat(
            translate(
                Map.of(
                    "security.protocol", "SASL_SSL",
                    "sasl.mechanism", "SCRAM-SHA-512",
                    "sasl.username", "bob",
                    "sasl.password", "pw",
                    "ssl.ca.location", "FILE:ca.pem"),
                FILES))
        .containsEntry(
            "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"bob\" password=\"pw\";")
        .containsEntry("ssl.truststore.certificates", CA)
        .doesNotContainKeys("sasl.username", "sasl.password");
  }

  @Test
  void mistakesAreUserErrorsNamingTheProperty() {
    assertThatThrownBy(() -> translate(Map.of("ssl.ca.location", "FILE:nope.pem"), FILES))
        .isInstanceOf(SluiceException.class)
        .hasMessage("property.ssl.ca.location: unknown file 'nope.pem'");
    assertThatThrownBy(() -> translate(Map.of("ssl.ca.location", "/etc/ca.pem"), FILES))
        .isInstanceOf(SluiceException.class)
        .hasMessageContaining("must name a file created with CREATE FILE");
    assertThatThrownBy(() -> translate(Map.of("security.protocol", "TLS"), FILES))
        .isInstanceOf(SluiceException.class)
        .hasMessage(
            "property.security.protocol: 'TLS' is not one of PLAINTEXT, SSL, SASL_PLAINTEXT,"
                + " SASL_SSL");
    assertThatThrownBy(() -> translate(Map.of("sasl.mechanism", "GSSAPI"), FILES))
        .isInstanceOf(SluiceException.class)
        .hasMessageContaining("'GSSAPI' is not supported; use PLAIN, SCRAM-SHA-256, SCRAM-SHA-512");
    assertThatThrownBy(
            () ->
                translate(
                    Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN"), FILES))
        .isInstanceOf(SluiceException.class)
        .hasMessage(
            "security.protocol SASL_SSL needs property.sasl.username and property.sasl.password");
    Map<String, String> noMechanism = new LinkedHashMap<>();
    noMechanism.put("sasl.username", "u");
    noMechanism.put("sasl.password", "p");
    assertThatThrownBy(() -> translate(noMechanism, FILES))
        .isInstanceOf(SluiceException.class)
        .hasMessageContaining("property.sasl.username needs property.sasl.mechanism");
    assertThatThrownBy(() -> translate(Map.of("sasl.password", "p"), FILES))
        .isInstanceOf(SluiceException.class)
        .hasMessage("property.sasl.username and property.sasl.password go together");
  }

  @Test
  void pkcs1RsaKeysAreRewrappedAsPkcs8AndOtherShapesExplained() throws NoSuchAlgorithmException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
    // A 2048-bit key's PrivateKeyInfo has a 26-byte header before the PKCS#1 key.
    byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
    String pkcs1Pem =
        "-----BEGIN RSA PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(pkcs1)
            + "\n-----END RSA PRIVATE KEY-----\n";

    String converted =
        translate(Map.of("ssl.key.location", "FILE:rsa.key"), Map.of("rsa.key", pkcs1Pem))
            .get("ssl.keystore.key");

    String body =
        converted
            .replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "");
    assertThat(Base64.getMimeDecoder().decode(body.trim())).isEqualTo(pkcs8);
    assertThatThrownBy(
            () ->
                translate(
                    Map.of("ssl.key.location", "FILE:ec.key"),
                    Map.of("ec.key", "-----BEGIN EC PRIVATE KEY-----\nx\n")))
        .isInstanceOf(SluiceException.class)
        .hasMessageContaining("openssl pkcs8 -topk8");
  }
}
