package dev.sluice.cli;

import dev.sluice.testing.ServiceProcess;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice control-plane} and {@code sluice worker}: one service in the foreground, as a
 * deployment runs it, so several control-plane replicas and workers can share one PostgreSQL.
 */
final class ServiceCommands {
  private ServiceCommands() {}

  /**
   * Runs the service's jar with its output on this terminal until it exits; {@code secrets} go in
   * its environment, not on its command line, which every user of the machine can read.
   */
  static int runInForeground(
      String module, Map<String, String> properties, Map<String, String> secrets) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(ServiceProcess.command(module, properties)).inheritIO();
    builder.environment().putAll(secrets);
    Process process = builder.start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "sluice-service-stop"));
    return process.waitFor();
  }

  @Command(name = "control-plane", description = "Run a control-plane replica in the foreground.")
  static final class ControlPlane implements Callable<Integer> {
    @Option(
        names = "--db",
        required = true,
        description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/sluice.")
    String jdbcUrl;

    @Option(
        names = "--db-user",
        defaultValue = "postgres",
        description = "Default: ${DEFAULT-VALUE}.")
    String user;

    @Option(
        names = "--db-password",
        defaultValue = "${env:SLUICE_DB_PASSWORD:-postgres}",
        description =
            "Default: $SLUICE_DB_PASSWORD, else postgres. Prefer the variable: a command line"
                + " is visible to every user of the machine.")
    String password;

    @Option(
        names = "--port",
        defaultValue = "9090",
        description = "Admin and lease gRPC port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
        names = "--storage",
        description = "Default storage volume location: s3://bucket/prefix or file:///dir.")
    String storage;

    @Option(names = "--s3-endpoint", description = "S3 API endpoint for an s3:// storage location.")
    String s3Endpoint;

    @Option(names = "--s3-access-key")
    String s3AccessKey;

    @Option(
        names = "--s3-secret-key",
        defaultValue = "${env:SLUICE_S3_SECRET_KEY}",
        description = "Default: $SLUICE_S3_SECRET_KEY (prefer it to this option).")
    String s3SecretKey;

    @Override
    public Integer call() throws Exception {
      Map<String, String> properties = new LinkedHashMap<>();
      properties.put("quarkus.http.port", Integer.toString(port));
      properties.put("quarkus.datasource.jdbc.url", jdbcUrl);
      properties.put("quarkus.datasource.username", user);
      if (storage != null) {
        properties.put("sluice.storage.type", storage.startsWith("s3://") ? "s3" : "local");
        properties.put("sluice.storage.location", storage);
      }
      if (s3Endpoint != null) {
        properties.put("sluice.storage.endpoint", s3Endpoint);
      }
      if (s3AccessKey != null) {
        properties.put("sluice.storage.access-key", s3AccessKey);
      }
      Map<String, String> secrets = new LinkedHashMap<>();
      secrets.put("SLUICE_DB_PASSWORD", password);
      if (s3SecretKey != null) {
        secrets.put("SLUICE_S3_SECRET_KEY", s3SecretKey);
      }
      return runInForeground("control-plane", properties, secrets);
    }
  }

  @Command(name = "worker", description = "Run a worker in the foreground.")
  static final class Worker implements Callable<Integer> {
    @Option(
        names = "--control-plane",
        defaultValue = "127.0.0.1:9090",
        description = "HOST:PORT of a control plane (default: ${DEFAULT-VALUE}).")
    String controlPlane;

    @Option(
        names = "--tasks",
        defaultValue = "1",
        description = "Tasks run at once (default: ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--id", description = "Worker id shown as BeId (default: host-pid).")
    String id;

    @Override
    public Integer call() throws Exception {
      int colon = controlPlane.lastIndexOf(':');
      if (colon < 0) {
        System.err.println("ERROR: --control-plane must be HOST:PORT, got '" + controlPlane + "'");
        return 2;
      }
      Map<String, String> properties = new LinkedHashMap<>();
      properties.put("quarkus.http.port", "0");
      properties.put("quarkus.grpc.clients.control-plane.host", controlPlane.substring(0, colon));
      properties.put("quarkus.grpc.clients.control-plane.port", controlPlane.substring(colon + 1));
      properties.put("sluice.worker.tasks", Integer.toString(tasks));
      if (id != null) {
        properties.put("sluice.worker.id", id);
      }
      return runInForeground("worker", properties, Map.of());
    }
  }
}
