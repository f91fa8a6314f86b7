package dev.sluice.controlplane.grpc;

import dev.sluice.api.admin.AdminServiceGrpc;
import dev.sluice.api.admin.ExecuteSqlRequest;
import dev.sluice.api.admin.ExecuteSqlResponse;
import dev.sluice.api.admin.ResultSet;
import dev.sluice.api.admin.RoutineLoadRef;
import dev.sluice.api.admin.ShowRoutineLoadRequest;
import dev.sluice.api.admin.ShowRoutineLoadTasksRequest;
import dev.sluice.controlplane.jobs.JobService;
import dev.sluice.controlplane.jobs.RoutineLoadView;
import dev.sluice.controlplane.sql.ResultTable;
import dev.sluice.controlplane.sql.SqlService;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The admin API. ExecuteSql and the typed RPCs call the same services, so both behave the same.
 * Runs on worker threads: every call talks to PostgreSQL.
 */
@GrpcService
@Blocking
public class AdminGrpcService extends AdminServiceGrpc.AdminServiceImplBase {
  @Inject SqlService sql;
  @Inject JobService jobs;
  @Inject RoutineLoadView view;

  @Override
  public void executeSql(ExecuteSqlRequest request, StreamObserver<ExecuteSqlResponse> response) {
    answer(
        response,
        () -> {
          SqlService.ScriptResult result =
              sql.execute(request.getSql(), optional(request.getDatabase()));
          ExecuteSqlResponse.Builder builder =
              ExecuteSqlResponse.newBuilder().setDatabase(result.database().orElse(""));
          result.results().forEach(table -> builder.addResults(ResultSets.toProto(table)));
          return builder.build();
        });
  }

  @Override
  public void showRoutineLoad(ShowRoutineLoadRequest request, StreamObserver<ResultSet> response) {
    answer(
        response,
        () ->
            ResultSets.toProto(
                view.showJobs(
                    jobs.list(
                        request.getDatabase(),
                        optional(request.getName()),
                        request.getIncludeFinished()))));
  }

  @Override
  public void showRoutineLoadTasks(
      ShowRoutineLoadTasksRequest request, StreamObserver<ResultSet> response) {
    answer(
        response,
        () ->
            ResultSets.toProto(
                view.showTasks(jobs.require(request.getDatabase(), request.getJobName()))));
  }

  @Override
  public void pauseRoutineLoad(RoutineLoadRef request, StreamObserver<ResultSet> response) {
    answer(response, () -> ok(() -> jobs.pause(request.getDatabase(), request.getName())));
  }

  @Override
  public void resumeRoutineLoad(RoutineLoadRef request, StreamObserver<ResultSet> response) {
    answer(response, () -> ok(() -> jobs.resume(request.getDatabase(), request.getName())));
  }

  @Override
  public void stopRoutineLoad(RoutineLoadRef request, StreamObserver<ResultSet> response) {
    answer(response, () -> ok(() -> jobs.stop(request.getDatabase(), request.getName())));
  }

  private static ResultSet ok(Runnable action) {
    action.run();
    return ResultSets.toProto(ResultTable.ok());
  }

  static <T> void answer(StreamObserver<T> response, Supplier<T> call) {
    T value;
    try {
      value = call.get();
    } catch (RuntimeException e) {
      response.onError(GrpcErrors.toStatus(e));
      return;
    }
    response.onNext(value);
    response.onCompleted();
  }

  private static Optional<String> optional(String value) {
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
