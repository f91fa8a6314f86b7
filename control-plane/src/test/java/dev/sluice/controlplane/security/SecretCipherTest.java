package dev.sluice.controlplane.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.controlplane.error.SluiceException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretCipherTest {
  private final SecretCipher cipher = SecretCipher.fromConfig(Optional.of(SecretCipher.newKey()));

  @Test
  void sealedValuesHideThePlaintextAndOpenBackToIt() {
    String sealed = cipher.seal("s3cr3t-password");

    assertThat(sealed).startsWith("sealed:v1:").doesNotContain("s3cr3t");
    assertThat(cipher.seal("s3cr3t-password")).isNotEqualTo(sealed);
    assertThat(cipher.open(sealed)).isEqualTo("s3cr3t-password");
    assertThat(cipher.seal(sealed)).isEqualTo(sealed);
  }

  @Test
  void onlySecretValuesAreSealed() {
    Map<String, String> sealed =
        cipher.sealSecrets(
            Map.of(
                "sasl.password", "pw",
                "security.protocol", "SASL_SSL",
                "confluent.schema.registry.url", "https://user:pw@registry:8081"));

    assertThat(sealed.get("security.protocol")).isEqualTo("SASL_SSL");
    assertThat(sealed.get("sasl.password")).startsWith("sealed:v1:");
    assertThat(sealed.get("confluent.schema.registry.url")).startsWith("sealed:v1:");
    assertThat(cipher.openSecrets(sealed))
        .containsEntry("sasl.password", "pw")
        .containsEntry("confluent.schema.registry.url", "https://user:pw@registry:8081");
  }

  @Test
  void withoutAKeyValuesStayAsGivenButSealedOnesCannotBeRead() {
    SecretCipher none = SecretCipher.fromConfig(Optional.of(" "));

    assertThat(none.enabled()).isFalse();
    assertThat(none.seal("pw")).isEqualTo("pw");
    assertThat(cipher.open("pw")).isEqualTo("pw");
    String sealed = cipher.seal("pw");
    assertThatThrownBy(() -> none.open(sealed))
        .isInstanceOf(SluiceException.class)
        .hasMessageContaining("sluice.secrets.key is not set");
    SecretCipher other = SecretCipher.fromConfig(Optional.of(SecretCipher.newKey()));
    assertThatThrownBy(() -> other.open(sealed))
        .isInstanceOf(SluiceException.class)
        .hasMessageContaining("not the key it was encrypted with");
  }

  @Test
  void badKeysAreRejectedWithTheReason() {
    assertThatThrownBy(() -> SecretCipher.fromConfig(Optional.of("not base64!")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sluice.secrets.key is not valid base64");
    assertThatThrownBy(() -> SecretCipher.fromConfig(Optional.of("AAAA")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sluice.secrets.key must be the base64 of 16, 24 or 32 bytes, not 3");
  }

  @Test
  void maskingHidesSecretNamesSealedValuesAndUrlCredentials() {
    assertThat(
            SecretNames.masked(
                Map.of(
                    "sasl.password", "pw",
                    "aws.s3.access_key", "AKIA",
                    "security.protocol", "SSL",
                    "confluent.schema.registry.url", "https://user:pw@registry:8081/x",
                    "other", cipher.seal("x"))))
        .containsEntry("sasl.password", "******")
        .containsEntry("aws.s3.access_key", "******")
        .containsEntry("security.protocol", "SSL")
        .containsEntry("confluent.schema.registry.url", "https://******@registry:8081/x")
        .containsEntry("other", "******");
  }

  @Test
  void storedStatementTextHasSecretValuesMaskedHoweverTheyWereQuoted() {
    String sql =
        "CREATE ROUTINE LOAD j ON t FROM KAFKA (\"property.sasl.password\" = \"p\\\"w\","
            + " 'property.sasl.jaas.config' = 'x''y', \"property.security.protocol\" = \"SSL\")";

    String masked =
        SecretNames.maskedSql(
            sql,
            Map.of(
                "property.sasl.password", "p\"w",
                "property.sasl.jaas.config", "x'y",
                "property.security.protocol", "SSL"));

    assertThat(masked)
        .isEqualTo(
            "CREATE ROUTINE LOAD j ON t FROM KAFKA (\"property.sasl.password\" = \"******\","
                + " 'property.sasl.jaas.config' = '******', \"property.security.protocol\" ="
                + " \"SSL\")");
  }
}
