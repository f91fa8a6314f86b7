package dev.sluice.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The schema registry the Avro tests load through: Apicurio Registry, a real third-party server
 * speaking Confluent's REST API, behind a gateway that demands HTTP Basic credentials so that the
 * {@code key:secret@} form of {@code confluent.schema.registry.url} is exercised. One per JVM; the
 * worker under test reaches it over HTTP.
 */
public final class SchemaRegistry {

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final String API_PATH = ApicurioRegistry.CONFLUENT_API_PATH;
  private static final JsonFactory JSON = new JsonFactory();

  private static SchemaRegistry shared;

  private final BasicAuthGateway gateway;
  private final String key;
  private final String secret;
  private final HttpClient client = HttpClient.newHttpClient();

  private SchemaRegistry(BasicAuthGateway gateway, String key, String secret) {
    this.gateway = gateway;
    this.key = key;
    this.secret = secret;
  }

  /** The registry of this JVM: key {@code sluice-test} and a fresh random secret. */
  public static synchronized SchemaRegistry shared() {
    if (shared == null) {
      byte[] random = new byte[12];
      new SecureRandom().nextBytes(random);
      String secret = HexFormat.of().formatHex(random);
      ApicurioRegistry apicurio = ApicurioRegistry.start();
      BasicAuthGateway gateway = new BasicAuthGateway(apicurio.baseUrl(), "sluice-test", secret);
      // A child JVM outlives ours unless someone stops it.
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    gateway.close();
                    apicurio.close();
                  },
                  "sluice-schema-registry-stop"));
      shared = new SchemaRegistry(gateway, "sluice-test", secret);
    }
    return shared;
  }

  /** The URL without credentials: requests to it are refused with 401. */
  public String url() {
    return "http://127.0.0.1:" + gateway.port() + API_PATH;
  }

  /** The URL as {@code confluent.schema.registry.url} takes it: {@code http://key:secret@...}. */
  public String urlWithCredentials() {
    return "http://" + key + ":" + secret + "@127.0.0.1:" + gateway.port() + API_PATH;
  }

  /** Registers {@code schema} (Avro schema JSON) under {@code subject} over HTTP; its id. */
  public int register(String subject, String schema) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url() + "/subjects/" + subject + "/versions"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", CONTENT_TYPE)
            .header("Authorization", gateway.authorization())
            .POST(HttpRequest.BodyPublishers.ofString(schemaRequest(schema)))
            .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "registering failed: HTTP " + response.statusCode() + " " + response.body());
      }
      return id(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String schemaRequest(String schema) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("schema", schema);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** The {@code id} of a registration's answer, {@code {"id": n}}. */
  private static int id(String body) {
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          parser.nextToken();
          if (field.equals("id")) {
            return parser.getIntValue();
          }
          parser.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("malformed answer to a registration: " + body, e);
    }
    throw new IllegalStateException("no id in the answer to a registration: " + body);
  }
}
