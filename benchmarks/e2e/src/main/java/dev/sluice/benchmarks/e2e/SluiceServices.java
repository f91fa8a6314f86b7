package dev.sluice.benchmarks.e2e;

import dev.sluice.api.admin.AdminServiceGrpc;
import dev.sluice.api.admin.ExecuteSqlRequest;
import dev.sluice.api.admin.ResultSet;
import dev.sluice.api.admin.ShowRoutineLoadRequest;
import dev.sluice.testing.FreePort;
import dev.sluice.testing.PostgresServer;
import dev.sluice.testing.S3ProxyServer;
import dev.sluice.testing.ServiceProcess;
import dev.sluice.testing.ServiceSettings;
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
    ServiceSettings controlPlaneSettings =
        ServiceSettings.controlPlane(port, postgres, postgres.createDatabase("bench"))
            .s3Storage(s3, s3.endpoint(), bucket);
    controlPlane =
        ServiceProcess.start(
            "control-plane",
            "control-plane",
            controlPlaneSettings.properties(),
            controlPlaneSettings.environment(),
            logs);
    ServiceSettings workerSettings =
        ServiceSettings.worker("bench-worker", port)
            .property("sluice.worker.tasks", Integer.toString(workerTasks));
    worker =
        ServiceProcess.start(
            "worker",
            "worker",
            workerJvmOptions,
            workerSettings.properties(),
            workerSettings.environment(),
            logs);
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
