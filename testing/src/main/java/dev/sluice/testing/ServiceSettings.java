package dev.sluice.testing;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a Sluice service process starts with: system properties, and secrets as environment
 * variables, since a command line is visible to every user of the machine ({@code ps}). One place
 * for the settings the end-to-end tests, the benchmark harness and {@code sluice local} share.
 */
public final class ServiceSettings {
  private final Map<String, String> properties = new LinkedHashMap<>();
  private final Map<String, String> environment = new LinkedHashMap<>();

  private ServiceSettings() {}

  /** A control plane serving its APIs on {@code port}, its catalog in database {@code jdbcUrl}. */
  public static ServiceSettings controlPlane(int port, PostgresServer postgres, String jdbcUrl) {
    return new ServiceSettings()
        .property("quarkus.http.port", Integer.toString(port))
        .property("quarkus.datasource.jdbc.url", jdbcUrl)
        .property("quarkus.datasource.username", postgres.user())
        .secret("SLUICE_DB_PASSWORD", postgres.password());
  }

  /** A worker named {@code id}, leasing from the control plane on {@code controlPlanePort}. */
  public static ServiceSettings worker(String id, int controlPlanePort) {
    return new ServiceSettings()
        .property("quarkus.http.port", "0")
        .property("quarkus.grpc.clients.control-plane.port", Integer.toString(controlPlanePort))
        .property("sluice.worker.id", id);
  }

  /**
   * Tables under {@code s3://bucket/warehouse} on {@code s3}, reached at {@code endpoint} (the
   * server's own, or a proxy in front of it).
   */
  public ServiceSettings s3Storage(S3ProxyServer s3, String endpoint, String bucket) {
    return property("sluice.storage.type", "s3")
        .property("sluice.storage.location", "s3://" + bucket + "/warehouse")
        .property("sluice.storage.endpoint", endpoint)
        .property("sluice.storage.region", s3.region())
        .property("sluice.storage.access-key", s3.accessKey())
        .secret("SLUICE_S3_SECRET_KEY", s3.secretKey());
  }

  /** Tables in a directory of the local file system. */
  public ServiceSettings localStorage(Path tables) {
    return property("sluice.storage.type", "local")
        .property("sluice.storage.location", tables.toUri().toString());
  }

  public ServiceSettings property(String name, String value) {
    properties.put(name, value);
    return this;
  }

  /** A secret, as the environment variable the service's application.properties reads it from. */
  public ServiceSettings secret(String variable, String value) {
    environment.put(variable, value);
    return this;
  }

  public Map<String, String> properties() {
    return Collections.unmodifiableMap(properties);
  }

  public Map<String, String> environment() {
    return Collections.unmodifiableMap(environment);
  }
}
