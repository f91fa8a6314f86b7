package dev.sluice.controlplane.grpc;

import dev.sluice.api.lease.AbortRequest;
import dev.sluice.api.lease.AbortResponse;
import dev.sluice.api.lease.AcquireLeaseRequest;
import dev.sluice.api.lease.AcquireLeaseResponse;
import dev.sluice.api.lease.CommitRequest;
import dev.sluice.api.lease.CommitResponse;
import dev.sluice.api.lease.DataFile;
import dev.sluice.api.lease.HeartbeatRequest;
import dev.sluice.api.lease.HeartbeatResponse;
import dev.sluice.api.lease.LeaseServiceGrpc;
import dev.sluice.api.lease.PartitionProgress;
import dev.sluice.api.lease.TaskStatistics;
import dev.sluice.controlplane.error.SluiceException;
import dev.sluice.controlplane.jobs.LeaseContents;
import dev.sluice.controlplane.lease.CommitProcessor;
import dev.sluice.controlplane.lease.CommitResult;
import dev.sluice.controlplane.lease.CommittedFile;
import dev.sluice.controlplane.lease.LeaseManager;
import dev.sluice.controlplane.lease.LoadStatistics;
import dev.sluice.controlplane.lease.PartitionStart;
import dev.sluice.controlplane.lease.TaskFailure;
import dev.sluice.controlplane.ops.AbortReason;
import dev.sluice.controlplane.ops.ControlPlaneMetrics;
import dev.sluice.controlplane.store.Json;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The worker lease API: translation between protobuf and the lease protocol services. */
@GrpcService
@Blocking
public class LeaseGrpcService extends LeaseServiceGrpc.LeaseServiceImplBase {
  @Inject LeaseManager leases;
  @Inject CommitProcessor commits;
  @Inject LeaseContents contents;
  @Inject ControlPlaneMetrics metrics;

  @ConfigProperty(name = "sluice.lease.idle-retry", defaultValue = "500ms")
  java.time.Duration idleRetry;

  @Override
  public void acquireLease(
      AcquireLeaseRequest request, StreamObserver<AcquireLeaseResponse> response) {
    answer(
        response,
        () -> {
          AcquireLeaseResponse.Builder answer = AcquireLeaseResponse.newBuilder();
          leases
              .acquire(request.getWorkerId())
              .ifPresentOrElse(
                  grant -> answer.setLease(contents.toLease(grant)),
                  () -> answer.setRetryAfterMs(idleRetry.toMillis()));
          return answer.build();
        });
  }

  @Override
  public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> response) {
    answer(
        response,
        () -> {
          Optional<Instant> extended =
              leases.heartbeat(
                  UUID.fromString(request.getTaskId()),
                  request.getLeaseEpoch(),
                  request.getWorkerId());
          return extended
              .map(
                  expiry ->
                      HeartbeatResponse.newBuilder()
                          .setKeepRunning(true)
                          .setLeaseExpiresAtMs(expiry.toEpochMilli())
                          .build())
              .orElseGet(
                  () ->
                      HeartbeatResponse.newBuilder()
                          .setKeepRunning(false)
                          .setReason(
                              "lease lost: the job was paused, altered or stopped, or the"
                                  + " task moved to another worker")
                          .build());
        });
  }

  @Override
  public void commit(CommitRequest request, StreamObserver<CommitResponse> response) {
    answer(
        response,
        () -> {
          long started = System.nanoTime();
          CommitResult result;
          try {
            result = commits.commit(toDomain(request));
          } catch (SluiceException e) {
            metrics.recordCommit(
                e.code().name().toLowerCase(java.util.Locale.ROOT), since(started));
            throw e;
          }
          metrics.recordCommit(
              result.alreadyCommitted() ? "already_committed" : "committed", since(started));
          return CommitResponse.newBuilder()
              .setTxnId(result.txnId())
              .setAlreadyCommitted(result.alreadyCommitted())
              .build();
        });
  }

  @Override
  public void abort(AbortRequest request, StreamObserver<AbortResponse> response) {
    answer(
        response,
        () -> {
          leases.abort(
              UUID.fromString(request.getTaskId()),
              request.getLeaseEpoch(),
              UUID.fromString(request.getAttemptId()),
              new TaskFailure(
                  request.getReason(),
                  request.getDeterministic(),
                  request.hasOffsetOutOfRange()
                      ? Optional.of(
                          new PartitionStart(
                              request.getOffsetOutOfRange().getPartition(),
                              request.getOffsetOutOfRange().getOffset()))
                      : Optional.empty()));
          metrics.recordAbort(
              AbortReason.classify(
                  request.hasOffsetOutOfRange(), request.getDeterministic(), request.getReason()));
          return AbortResponse.getDefaultInstance();
        });
  }

  /** Every lease call answers failures through the lease API's status table. */
  private static <T> void answer(StreamObserver<T> response, Supplier<T> call) {
    AdminGrpcService.answer(response, call, GrpcErrors::toLeaseStatus);
  }

  private static java.time.Duration since(long startedNanos) {
    return java.time.Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  private static dev.sluice.controlplane.lease.CommitRequest toDomain(CommitRequest request) {
    List<dev.sluice.controlplane.lease.PartitionProgress> progress = new ArrayList<>();
    for (PartitionProgress p : request.getProgressList()) {
      progress.add(
          new dev.sluice.controlplane.lease.PartitionProgress(
              p.getPartition(), p.getStartOffset(), p.getEndOffset(), p.getLastTimestampMs()));
    }
    List<CommittedFile> files = new ArrayList<>();
    for (DataFile file : request.getFilesList()) {
      files.add(
          new CommittedFile(
              file.getObjectKey(),
              file.getPartitionValue(),
              file.getBucket(),
              file.getRowCount(),
              file.getSizeBytes(),
              Json.write(columnStats(file))));
    }
    TaskStatistics s = request.getStatistics();
    return new dev.sluice.controlplane.lease.CommitRequest(
        UUID.fromString(request.getTaskId()),
        request.getLeaseEpoch(),
        UUID.fromString(request.getAttemptId()),
        progress,
        files,
        new LoadStatistics(
            s.getReceivedBytes(),
            s.getTotalRows(),
            s.getLoadedRows(),
            s.getErrorRows(),
            s.getUnselectedRows(),
            s.getTaskExecuteTimeMs()),
        request.getErrorLogKey(),
        request.getDrained());
  }

  private static Map<String, Map<String, Object>> columnStats(DataFile file) {
    Map<String, Map<String, Object>> stats = new LinkedHashMap<>();
    file.getColumnStatsList()
        .forEach(
            c -> {
              Map<String, Object> column = new LinkedHashMap<>();
              column.put("nulls", c.getNullCount());
              // jsonb cannot hold U+0000; a bound that contains it is left out (unknown) rather
              // than failing the commit, which would fail again on every retry.
              if (c.hasMin() && c.getMin().indexOf('\u0000') < 0) {
                column.put("min", c.getMin());
              }
              if (c.hasMax() && c.getMax().indexOf('\u0000') < 0) {
                column.put("max", c.getMax());
              }
              stats.put(c.getColumn(), column);
            });
    return stats;
  }
}
