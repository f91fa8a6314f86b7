package dev.sluice.worker.decode;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.NameValidator;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Fetches writer schemas from a schema registry speaking Confluent's REST API ({@code GET
 * /schemas/ids/{id}}) and keeps them: a schema id never changes its schema, so an id is fetched
 * once per process. Ids the registry does not know are not kept (they may be registered later);
 * decoders remember them for their task.
 */
public final class SchemaRegistryClient implements AvroSchemas {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_ERROR_BODY_CHARS = 200;
  // Confluent's error code for an id it does not have; compatible registries answer the same.
  private static final int SCHEMA_NOT_FOUND = 40403;
  private static final JsonFactory JSON = new JsonFactory();

  // One client per registry URL for the whole worker, so tasks share fetched schemas.
  private static final Map<String, SchemaRegistryClient> SHARED = new ConcurrentHashMap<>();

  private final SchemaRegistryUrl url;
  private final HttpClient http;
  private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();

  public SchemaRegistryClient(SchemaRegistryUrl url) {
    this.url = requireNonNull(url, "url is null");
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /**
   * The worker-wide client for the registry at {@code url} (see {@link SchemaRegistryUrl#parse}).
   */
  public static SchemaRegistryClient shared(String url) {
    SchemaRegistryUrl parsed = SchemaRegistryUrl.parse(url);
    return SHARED.computeIfAbsent(url.strip(), key -> new SchemaRegistryClient(parsed));
  }

  @Override
  public Schema find(int id) {
    Schema schema = schemas.get(id);
    if (schema == null) {
      schema = fetch(id);
      schemas.put(id, schema);
    }
    return schema;
  }

  private Schema fetch(int id) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url.schemaById(id))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/vnd.schemaregistry.v1+json, application/json")
            .GET();
    url.authorization().ifPresent(value -> request.header("Authorization", value));
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new SchemaRegistryException(
          "could not fetch schema id " + id + " from the schema registry at " + where() + ": " + e,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException(
          "interrupted while fetching schema id " + id + " from " + where(), e);
    }
    int status = response.statusCode();
    if (status == 404 && errorCode(response.body()) == SCHEMA_NOT_FOUND) {
      throw new UnknownSchemaException(
          "schema id " + id + " is not in the schema registry at " + where());
    }
    if (status == 404) {
      // Not the registry's "schema not found": the URL does not lead to the API (for Apicurio
      // Registry it ends in /apis/ccompat/v7). Failing the task beats rejecting every record.
      throw new SchemaRegistryException(
          "no Confluent-compatible schema registry API at "
              + where()
              + " (HTTP 404 for /schemas/ids/"
              + id
              + "); check confluent.schema.registry.url");
    }
    if (status == 401 || status == 403) {
      throw new SchemaRegistryException(
          "the schema registry at " + where() + " refused the credentials (HTTP " + status + ")");
    }
    if (status != 200) {
      throw new SchemaRegistryException(
          "the schema registry at "
              + where()
              + " answered HTTP "
              + status
              + " for schema id "
              + id
              + ": "
              + shorten(response.body()));
    }
    return parse(id, response.body());
  }

  private Schema parse(int id, String body) {
    String text = null;
    String type = "AVRO";
    boolean references = false;
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new SchemaRegistryException(
            "the schema registry at " + where() + " answered something else than a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("schema") && value == JsonToken.VALUE_STRING) {
          text = parser.getText();
        } else if (name.equals("schemaType") && value == JsonToken.VALUE_STRING) {
          type = parser.getText();
        } else if (name.equals("references") && value == JsonToken.START_ARRAY) {
          JsonToken element = parser.nextToken();
          references = element != JsonToken.END_ARRAY;
          while (element != JsonToken.END_ARRAY && element != null) {
            parser.skipChildren();
            element = parser.nextToken();
          }
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new SchemaRegistryException(
          "the schema registry at " + where() + " answered malformed JSON: " + e.getMessage(), e);
    }
    if (text == null) {
      throw new SchemaRegistryException(
          "the schema registry at " + where() + " answered without a schema for id " + id);
    }
    if (!type.equals("AVRO")) {
      throw new UnknownSchemaException("schema id " + id + " is a " + type + " schema, not Avro");
    }
    if (references) {
      throw new UnknownSchemaException(
          "schema id " + id + " references other schemas, which is not supported");
    }
    try {
      return parseSchema(text);
    } catch (SchemaParseException e) {
      throw new UnknownSchemaException(
          "schema id " + id + " is not a valid Avro schema: " + e.getMessage());
    }
  }

  /**
   * Parses a writer schema leniently: names the specification forbids (an enum symbol such as
   * {@code AIR-PRESSURE}, as in StarRocks' own example) and defaults that do not match their type
   * were accepted by whoever wrote the data, and reading it does not depend on them.
   */
  public static Schema parseSchema(String text) {
    return new Schema.Parser(NameValidator.NO_VALIDATION).setValidateDefaults(false).parse(text);
  }

  /** The {@code error_code} of a registry's error answer, or -1 when it has none. */
  private static int errorCode(String body) {
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          JsonToken value = parser.nextToken();
          if (name.equals("error_code") && value == JsonToken.VALUE_NUMBER_INT) {
            return parser.getIntValue();
          }
          parser.skipChildren();
        }
      }
    } catch (IOException notJson) {
      // An HTML or empty 404 page: no error code.
    }
    return -1;
  }

  private String where() {
    return url.display();
  }

  private static String shorten(String body) {
    String oneLine = body.replace('\n', ' ').strip();
    return oneLine.length() <= MAX_ERROR_BODY_CHARS
        ? oneLine
        : oneLine.substring(0, MAX_ERROR_BODY_CHARS) + "...";
  }
}
