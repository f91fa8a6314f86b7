package dev.sluice.worker.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.lease.CommitRequest;
import dev.sluice.api.lease.CommitResponse;
import dev.sluice.api.lease.HeartbeatRequest;
import dev.sluice.api.lease.HeartbeatResponse;
import dev.sluice.api.lease.LeaseServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The commit retry rules against a scripted lease service on a real gRPC server: only
 * FAILED_PRECONDITION and ABORTED drop an attempt, and never after a send whose outcome was
 * unknown.
 */
class LeaseClientTest {
  private static final CommitRequest COMMIT =
      CommitRequest.newBuilder().setTaskId("t").setAttemptId("a").build();

  private final Deque<Status> answers = new ArrayDeque<>();
  private final List<Status.Code> resends = new ArrayList<>();
  private Server server;
  private ManagedChannel channel;

  private LeaseClient clientAnswering(Status... script) throws Exception {
    answers.addAll(List.of(script));
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(
                new LeaseServiceGrpc.LeaseServiceImplBase() {
                  @Override
                  public void heartbeat(
                      HeartbeatRequest request, StreamObserver<HeartbeatResponse> response) {
                    // Never answers: a replica frozen in the middle of the call.
                  }

                  @Override
                  public void commit(
                      CommitRequest request, StreamObserver<CommitResponse> response) {
                    Status next = answers.poll();
                    if (next == null || next.isOk()) {
                      response.onNext(CommitResponse.newBuilder().setTxnId(7).build());
                      response.onCompleted();
                    } else {
                      response.onError(next.asRuntimeException());
                    }
                  }
                })
            .build()
            .start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    return new LeaseClient(LeaseServiceGrpc.newBlockingStub(channel), "w", resends::add);
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void codesTheProtocolNeverSendsOnPurposeAreResentNotRejections() throws Exception {
    // A rolling token change: the resend reaches a replica that does not know the token yet.
    LeaseClient client =
        clientAnswering(
            Status.UNAVAILABLE,
            Status.UNAUTHENTICATED,
            Status.PERMISSION_DENIED,
            Status.UNIMPLEMENTED,
            Status.NOT_FOUND,
            Status.OUT_OF_RANGE,
            Status.OK);

    LeaseClient.CommitOutcome outcome = client.commit(COMMIT, () -> true);

    assertThat(outcome).isInstanceOf(LeaseClient.Committed.class);
    assertThat(((LeaseClient.Committed) outcome).response().getTxnId()).isEqualTo(7);
    assertThat(resends)
        .containsExactly(
            Status.Code.UNAVAILABLE,
            Status.Code.UNAUTHENTICATED,
            Status.Code.PERMISSION_DENIED,
            Status.Code.UNIMPLEMENTED,
            Status.Code.NOT_FOUND,
            Status.Code.OUT_OF_RANGE);
  }

  /** A hung heartbeat gives up within its period, so it never holds up the next beat. */
  @Test
  void aHeartbeatThatGetsNoAnswerEndsAtItsDeadline() throws Exception {
    LeaseClient client = clientAnswering();
    long started = System.nanoTime();

    assertThatThrownBy(() -> client.heartbeat("t", 1, Duration.ofMillis(300)))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessageStartingWith("DEADLINE_EXCEEDED");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aFirstSendThatIsFencedDropsTheAttempt() throws Exception {
    LeaseClient client = clientAnswering(Status.FAILED_PRECONDITION);

    LeaseClient.CommitOutcome outcome = client.commit(COMMIT, () -> true);

    assertThat(outcome).isInstanceOf(LeaseClient.Rejected.class);
    LeaseClient.Rejected rejected = (LeaseClient.Rejected) outcome;
    assertThat(rejected.status().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(rejected.earlierSendUnknown()).isFalse();
    assertThat(resends).isEmpty();
  }

  @Test
  void aRejectionAfterAnUnknownOutcomeKeepsTheFiles() throws Exception {
    LeaseClient client = clientAnswering(Status.DEADLINE_EXCEEDED, Status.ABORTED);

    LeaseClient.CommitOutcome outcome = client.commit(COMMIT, () -> true);

    assertThat(outcome).isInstanceOf(LeaseClient.Rejected.class);
    assertThat(((LeaseClient.Rejected) outcome).earlierSendUnknown()).isTrue();
    assertThat(resends).containsExactly(Status.Code.DEADLINE_EXCEEDED);
  }

  @Test
  void aWorkerShuttingDownGivesUpWithTheOutcomeUnknown() throws Exception {
    LeaseClient client = clientAnswering(Status.UNAVAILABLE);

    LeaseClient.CommitOutcome outcome = client.commit(COMMIT, () -> false);

    assertThat(outcome).isInstanceOf(LeaseClient.GaveUp.class);
    assertThat(((LeaseClient.GaveUp) outcome).lastStatus().getCode())
        .isEqualTo(Status.Code.UNAVAILABLE);
  }
}
