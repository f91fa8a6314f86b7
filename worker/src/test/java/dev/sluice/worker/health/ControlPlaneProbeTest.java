package dev.sluice.worker.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.FreePort;
import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The readiness probe against a real gRPC server speaking the standard health protocol. */
class ControlPlaneProbeTest {

  /** The control plane's health service, with a status the test sets. */
  private static final class Health extends HealthGrpc.HealthImplBase {
    final AtomicReference<ServingStatus> status = new AtomicReference<>(ServingStatus.SERVING);

    @Override
    public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> response) {
      response.onNext(HealthCheckResponse.newBuilder().setStatus(status.get()).build());
      response.onCompleted();
    }
  }

  @Test
  void servingWhenTheControlPlaneSaysSoAndNotOtherwise() throws Exception {
    Health health = new Health();
    int port = FreePort.find();
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
            .addService(health)
            .build()
            .start();
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      ControlPlaneProbe probe =
          new ControlPlaneProbe(HealthGrpc.newBlockingStub(channel), Duration.ofSeconds(2));
      assertThat(probe.probe()).isEqualTo(new ControlPlaneProbe.Result(true, "SERVING"));

      health.status.set(ServingStatus.NOT_SERVING);
      assertThat(probe.probe()).isEqualTo(new ControlPlaneProbe.Result(false, "NOT_SERVING"));

      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      ControlPlaneProbe.Result gone = probe.probe();
      assertThat(gone.serving()).isFalse();
      assertThat(gone.detail()).startsWith("UNAVAILABLE");
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.shutdownNow();
    }
  }
}
