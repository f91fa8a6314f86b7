package dev.sluice.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schema registry for tests, written for Sluice: the subset of Confluent Schema Registry's REST
 * API that producers and Sluice use, over a real HTTP server (the JDK's) on 127.0.0.1, in memory.
 * It is ours, not a third-party server: none that speaks this API can be obtained on the build
 * machines (see docs/decisions/0030). Requests must carry this server's credentials (HTTP Basic).
 *
 * <ul>
 *   <li>{@code POST /subjects/{subject}/versions} with {@code {"schema": "..."}}: registers a
 *       schema and answers {@code {"id": n}}; the same schema text gets the same id under any
 *       subject.
 *   <li>{@code GET /schemas/ids/{id}}: {@code {"schema": "..."}}, or 404 with error code 40403.
 *   <li>{@code GET /subjects} and {@code GET /subjects/{subject}/versions}: the names and versions.
 * </ul>
 */
public final class SchemaRegistryServer implements AutoCloseable {

  private static final Pattern VERSIONS = Pattern.compile("/subjects/([^/]+)/versions/?");
  private static final Pattern SCHEMA_BY_ID = Pattern.compile("/schemas/ids/(\\d+)/?");
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final JsonFactory JSON = new JsonFactory();

  private static SchemaRegistryServer shared;

  private final HttpServer server;
  private final String key;
  private final String secret;
  private final HttpClient client = HttpClient.newHttpClient();

  // Guarded by this.
  private final List<String> schemas = new ArrayList<>();
  private final Map<String, List<Integer>> subjects = new LinkedHashMap<>();

  private SchemaRegistryServer(String key, String secret) {
    this.key = key;
    this.secret = secret;
    try {
      server =
          HttpServer.create(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), FreePort.find()), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the schema registry", e);
    }
    server.setExecutor(
        Executors.newFixedThreadPool(
            4,
            task -> {
              Thread thread = new Thread(task, "sluice-schema-registry");
              thread.setDaemon(true);
              return thread;
            }));
    server.createContext("/", this::handle);
    server.start();
  }

  /** One registry per JVM; key {@code sluice-test} and a fresh random secret. */
  public static synchronized SchemaRegistryServer shared() {
    if (shared == null) {
      byte[] secret = new byte[12];
      new SecureRandom().nextBytes(secret);
      shared = new SchemaRegistryServer("sluice-test", HexFormat.of().formatHex(secret));
    }
    return shared;
  }

  /** The URL without credentials: requests to it are refused with 401. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The URL as {@code confluent.schema.registry.url} takes it: {@code http://key:secret@...}. */
  public String urlWithCredentials() {
    return "http://" + key + ":" + secret + "@127.0.0.1:" + server.getAddress().getPort();
  }

  /** Registers {@code schema} (Avro schema JSON) under {@code subject} over HTTP; its id. */
  public int register(String subject, String schema) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url() + "/subjects/" + subject + "/versions"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", CONTENT_TYPE)
            .header("Authorization", authorization())
            .POST(HttpRequest.BodyPublishers.ofString(object("schema", schema)))
            .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "registering failed: HTTP " + response.statusCode() + " " + response.body());
      }
      return Integer.parseInt(stringField(response.body(), "id"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      if (!authorization().equals(auth)) {
        respond(exchange, 401, error(40101, "Unauthorized"));
        return;
      }
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      Matcher byId = SCHEMA_BY_ID.matcher(path);
      Matcher versions = VERSIONS.matcher(path);
      if (method.equals("GET") && byId.matches()) {
        String schema = schema(Long.parseLong(byId.group(1)));
        if (schema == null) {
          respond(exchange, 404, error(40403, "Schema " + byId.group(1) + " not found"));
        } else {
          respond(exchange, 200, object("schema", schema));
        }
      } else if (method.equals("POST") && versions.matches()) {
        String schema;
        try (InputStream in = exchange.getRequestBody()) {
          schema = stringField(new String(in.readAllBytes(), StandardCharsets.UTF_8), "schema");
        }
        if (schema == null) {
          respond(exchange, 422, error(42201, "Request body has no schema"));
          return;
        }
        respond(exchange, 200, "{\"id\":" + add(versions.group(1), schema) + "}");
      } else if (method.equals("GET") && path.equals("/subjects")) {
        respond(exchange, 200, list(subjectNames()));
      } else if (method.equals("GET") && versions.matches()) {
        List<Integer> found = versions(versions.group(1));
        if (found == null) {
          respond(exchange, 404, error(40401, "Subject not found"));
        } else {
          respond(exchange, 200, found.toString().replace(" ", ""));
        }
      } else {
        respond(exchange, 404, error(404, "HTTP 404 Not Found"));
      }
    } catch (RuntimeException e) {
      respond(exchange, 500, error(50001, e.toString()));
    }
  }

  private synchronized String schema(long id) {
    return id >= 1 && id <= schemas.size() ? schemas.get((int) id - 1) : null;
  }

  private synchronized int add(String subject, String schema) {
    int id = schemas.indexOf(schema) + 1;
    if (id == 0) {
      schemas.add(schema);
      id = schemas.size();
    }
    List<Integer> ids = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
    if (!ids.contains(id)) {
      ids.add(id);
    }
    return id;
  }

  private synchronized List<String> subjectNames() {
    return new ArrayList<>(subjects.keySet());
  }

  /** The subject's version numbers (1, 2, ...), or null when it does not exist. */
  private synchronized List<Integer> versions(String subject) {
    List<Integer> ids = subjects.get(subject);
    if (ids == null) {
      return null;
    }
    List<Integer> numbers = new ArrayList<>();
    for (int i = 1; i <= ids.size(); i++) {
      numbers.add(i);
    }
    return numbers;
  }

  private String authorization() {
    return "Basic "
        + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String error(int code, String message) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeNumberField("error_code", code);
      json.writeStringField("message", message);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static String object(String name, String value) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField(name, value);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static String list(List<String> values) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartArray();
      for (String value : values) {
        json.writeString(value);
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** The text of top-level member {@code name} of a JSON object, or null. */
  private static String stringField(String body, String name) {
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if (field.equals(name)) {
          return parser.getText();
        }
        parser.skipChildren();
      }
      return null;
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getMessage(), e);
    }
  }
}
