package dev.sluice.controlplane.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.controlplane.ControlPlaneTestResource;
import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Health, metrics and the desired-workers figure over HTTP on the control plane's one port. */
@QuarkusTest
@QuarkusTestResource(ControlPlaneTestResource.class)
class OperationsEndpointsIT {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TestHTTPResource("/")
  URI root;

  @GrpcClient("sluice")
  HealthGrpc.HealthBlockingStub grpcHealth;

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(root.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readyWhenPostgresAnswersAndEveryMigrationIsApplied() throws Exception {
    HttpResponse<String> ready = get("/q/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("\"migrations\"").contains("\"pending\": 0");
    assertThat(get("/q/health/live").statusCode()).isEqualTo(200);
  }

  @Test
  void workersProbeTheStandardGrpcHealthServiceOnTheSamePort() {
    assertThat(grpcHealth.check(HealthCheckRequest.getDefaultInstance()).getStatus())
        .isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void prometheusMetricsAndTheDesiredWorkerFigure() throws Exception {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              HttpResponse<String> desired = get(DesiredWorkersRoute.PATH);
              assertThat(desired.statusCode()).isEqualTo(200);
              assertThat(desired.body())
                  .matches("\\{\"desiredWorkers\":[0-9]+,\"evaluatedAt\":\".*\"}");
            });
    HttpResponse<String> metrics = get("/q/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("# TYPE sluice_autoscale_desired_workers gauge")
        .contains("# TYPE sluice_tasks_runnable gauge")
        .contains("# TYPE sluice_leases_held gauge")
        .contains("# TYPE sluice_workers_alive gauge");
  }
}
