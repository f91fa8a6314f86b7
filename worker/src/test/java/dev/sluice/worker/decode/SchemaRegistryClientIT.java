package dev.sluice.worker.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testing.FreePort;
import dev.sluice.testing.SchemaRegistry;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The registry client against a real schema registry (Apicurio, see testing's SchemaRegistry). */
class SchemaRegistryClientIT {

  private static final String SCHEMA =
      "{\"type\":\"record\",\"name\":\"click\",\"fields\":[{\"name\":\"uid\",\"type\":\"int\"}]}";

  private final SchemaRegistry registry = SchemaRegistry.shared();

  @Test
  void fetchesASchemaByIdWithTheCredentialsOfTheUrl() {
    int id = registry.register("clicks-value", SCHEMA);
    SchemaRegistryClient client = SchemaRegistryClient.shared(registry.urlWithCredentials());
    Schema schema = client.find(id);
    assertThat(schema.getName()).isEqualTo("click");
    assertThat(schema.getField("uid").schema().getType()).isEqualTo(Schema.Type.INT);
    assertThat(client.find(id)).isSameAs(schema);
  }

  @Test
  void anUnknownIdNamesTheRegistryWithoutCredentials() {
    SchemaRegistryClient client = SchemaRegistryClient.shared(registry.urlWithCredentials());
    assertThatThrownBy(() -> client.find(987_654))
        .isInstanceOf(UnknownSchemaException.class)
        .hasMessage("schema id 987654 is not in the schema registry at " + registry.url());
  }

  @Test
  void refusedCredentialsFailRatherThanRejectingRecords() {
    int id = registry.register("refused-value", SCHEMA);
    SchemaRegistryClient client = SchemaRegistryClient.shared(registry.url());
    assertThatThrownBy(() -> client.find(id))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessage(
            "the schema registry at " + registry.url() + " refused the credentials (HTTP 401)");
  }

  @Test
  void aUrlThatMissesTheApiFailsRatherThanRejectingRecords() {
    int id = registry.register("misdirected-value", SCHEMA);
    String root = registry.urlWithCredentials().replace("/apis/ccompat/v7", "");
    SchemaRegistryClient client = SchemaRegistryClient.shared(root);
    assertThatThrownBy(() -> client.find(id))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessage(
            "no Confluent-compatible schema registry API at "
                + registry.url().replace("/apis/ccompat/v7", "")
                + " (HTTP 404 for /schemas/ids/"
                + id
                + "); check confluent.schema.registry.url");
  }

  @Test
  void anUnreachableRegistryFails() {
    String url = "http://127.0.0.1:" + FreePort.find();
    SchemaRegistryClient client = SchemaRegistryClient.shared(url);
    assertThatThrownBy(() -> client.find(1))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageStartingWith(
            "could not fetch schema id 1 from the schema registry at " + url + ": ");
  }
}
