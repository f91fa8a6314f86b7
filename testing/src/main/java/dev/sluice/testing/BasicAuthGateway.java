package dev.sluice.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Executors;

/**
 * An HTTP gateway on 127.0.0.1 that demands HTTP Basic credentials and forwards what carries them
 * to a server behind it, as an authenticating proxy in front of a schema registry does (Confluent
 * Cloud's registries take an API key and secret this way). Apicurio Registry alone authenticates
 * only through an OpenID Connect server, which tests do not run.
 */
final class BasicAuthGateway implements AutoCloseable {

  private static final String JSON = "application/vnd.schemaregistry.v1+json";
  private static final String UNAUTHORIZED = "{\"error_code\":40101,\"message\":\"Unauthorized\"}";

  private final HttpServer server;
  private final String target;
  private final String authorization;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** Forwards to {@code target} (scheme, host and port) requests carrying {@code key:secret}. */
  BasicAuthGateway(String target, String key, String secret) {
    this.target = target;
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
    try {
      server =
          HttpServer.create(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), FreePort.find()), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the gateway", e);
    }
    server.setExecutor(
        Executors.newFixedThreadPool(
            4,
            task -> {
              Thread thread = new Thread(task, "sluice-basic-auth-gateway");
              thread.setDaemon(true);
              return thread;
            }));
    server.createContext("/", this::forward);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The {@code Authorization} header value this gateway accepts. */
  String authorization() {
    return authorization;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        respond(exchange, 401, JSON, UNAUTHORIZED.getBytes(StandardCharsets.UTF_8));
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
              .timeout(Duration.ofSeconds(30))
              .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      for (String header : new String[] {"Content-Type", "Accept"}) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
          request.header(header, value);
        }
      }
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      respond(
          exchange,
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(JSON),
          response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
