package dev.sluice.worker.health;

import grpc.health.v1.HealthGrpc;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** {@code /q/health/ready}: the worker is ready when its control plane answers SERVING. */
@Readiness
@ApplicationScoped
public class ControlPlaneReadiness implements HealthCheck {
  @GrpcClient("control-plane")
  HealthGrpc.HealthBlockingStub health;

  @Override
  public HealthCheckResponse call() {
    ControlPlaneProbe.Result result = new ControlPlaneProbe(health, Duration.ofSeconds(2)).probe();
    return HealthCheckResponse.named("control-plane")
        .status(result.serving())
        .withData("status", result.detail())
        .build();
  }
}
