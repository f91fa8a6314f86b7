package dev.sluice.worker.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SchemaRegistryUrlTest {

  @Test
  void credentialsBecomeABasicAuthorizationAndLeaveTheUrl() {
    SchemaRegistryUrl url =
        SchemaRegistryUrl.parse(" https://my%40key:s3cret@registry.example:8081/sr/ ");
    assertThat(url.display()).isEqualTo("https://registry.example:8081/sr");
    assertThat(url.schemaById(42).toString())
        .isEqualTo("https://registry.example:8081/sr/schemas/ids/42");
    assertThat(url.authorization())
        .contains(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("my@key:s3cret".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aUrlWithoutCredentialsSendsNone() {
    SchemaRegistryUrl url = SchemaRegistryUrl.parse("http://172.16.0.1:8081");
    assertThat(url.display()).isEqualTo("http://172.16.0.1:8081");
    assertThat(url.authorization()).isEmpty();
  }

  @Test
  void rejectsOtherSchemesMissingHostsAndHalfCredentials() {
    assertThatThrownBy(() -> SchemaRegistryUrl.parse("ftp://host:21"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("confluent.schema.registry.url must start with http:// or https://");
    assertThatThrownBy(() -> SchemaRegistryUrl.parse("http://"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("confluent.schema.registry.url is not a valid URL");
    assertThatThrownBy(() -> SchemaRegistryUrl.parse("http://onlykey@host:8081"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("confluent.schema.registry.url credentials must be written key:secret@");
  }
}
