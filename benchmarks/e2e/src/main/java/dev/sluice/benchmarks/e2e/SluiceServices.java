package dev.sluice.benchmarks.e2e;

import dev.sluice.api.admin.AdminServiceGrpc;
import dev.sluice.api.admin.ExecuteSqlRequest;
import dev.sluice.api.admin.ResultSet;
import dev.sluice.api.admin.ShowRoutineLoadRequest;
import dev.sluice.testing.FreePort;
import dev.sluice.testing.PostgresServer;
import dev.sluice.testing.S3ProxyServer;
import dev.sluice.testing.ServiceProcess;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One control plane and one worker, each its own JVM started from its Quarkus jar as in production,
 * on the harness's PostgreSQL and S3 API server.
 */
final class SluiceServices implements AutoCloseable {
  private final ServiceProcess controlPlane;
  private final ServiceProcess worker;
  private final ManagedChannel channel;
  private final AdminServiceGrpc.AdminServiceBlockingStub admin;

  SluiceServices(
      PostgresServer postgres,
      S3ProxyServer s3,
      String bucket,
      int workerTasks,
      List<String> workerJvmOptions,
      Path logs) {
    int port = FreePort.find();
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("quarkus.http.port", Integer.toString(port));
    properties.put("quarkus.datasource.jdbc.url", postgres.createDatabase("bench"));
    properties.put("quarkus.datasource.username", postgres.user());
    properties.put("quarkus.datasource.password", postgres.password());
    properties.put("sluice.storage.type", "s3");
    properties.put("sluice.storage.location", "s3://" + bucket + "/warehouse");
    properties.put("sluice.storage.endpoint", s3.endpoint());
    properties.put("sluice.storage.access-key", s3.accessKey());
    properties.put("sluice.storage.secret-key", s3.secretKey());
    properties.put("sluice.storage.region", s3.region());
    controlPlane = ServiceProcess.start("control-plane", "control-plane", properties, logs);
    Map<String, String> workerProperties = new LinkedHashMap<>();
    workerProperties.put("quarkus.http.port", "0");
    workerProperties.put("quarkus.grpc.clients.control-plane.port", Integer.toString(port));
    workerProperties.put("sluice.worker.id", "bench-worker");
    workerProperties.put("sluice.worker.tasks", Integer.toString(workerTasks));
    worker =
        ServiceProcess.start(
            "worker", "worker", workerJvmOptions, workerProperties, Map.of(), logs);
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    admin = AdminServiceGrpc.newBlockingStub(channel);
  }

  long workerPid() {
    return worker.pid();
  }

  void sql(String statements, String database) {
    admin
        .withDeadlineAfter(60, TimeUnit.SECONDS)
        .executeSql(
            ExecuteSqlRequest.newBuilder().setSql(statements).setDatabase(database).build());
  }

  /** The single value of a one-row, one-column query, as text. */
  String queryValue(String query, String database) {
    return admin
        .withDeadlineAfter(120, TimeUnit.SECONDS)
        .executeSql(ExecuteSqlRequest.newBuilder().setSql(query).setDatabase(database).build())
        .getResults(0)
        .getRows(0)
        .getValues(0)
        .getText();
  }

  /** SHOW ROUTINE LOAD FOR database.job, field name to value. */
  Map<String, String> showJob(String database, String job) {
    ResultSet result =
        admin
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .showRoutineLoad(
                ShowRoutineLoadRequest.newBuilder()
                    .setDatabase(database)
                    .setName(job)
                    .setIncludeFinished(true)
                    .build());
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < result.getColumnsCount(); i++) {
      fields.put(result.getColumns(i), result.getRows(0).getValues(i).getText());
    }
    return fields;
  }

  String logs() {
    return "--- control plane ---\n" + controlPlane.tail() + "\n--- worker ---\n" + worker.tail();
  }

  @Override
  public void close() {
    channel.shutdownNow();
    worker.close();
    controlPlane.close();
  }
}
