package dev.sluice.controlplane.grpc;

import dev.sluice.api.admin.AdminServiceGrpc;
import dev.sluice.api.admin.AlterRoutineLoadRequest;
import dev.sluice.api.admin.CreateDatabaseRequest;
import dev.sluice.api.admin.CreateRoutineLoadRequest;
import dev.sluice.api.admin.CreateStorageVolumeRequest;
import dev.sluice.api.admin.CreateTableRequest;
import dev.sluice.api.admin.DropDatabaseRequest;
import dev.sluice.api.admin.DropStorageVolumeRequest;
import dev.sluice.api.admin.DropTableRequest;
import dev.sluice.api.admin.ExecuteSqlRequest;
import dev.sluice.api.admin.ExecuteSqlResponse;
import dev.sluice.api.admin.ListDatabasesRequest;
import dev.sluice.api.admin.ListStorageVolumesRequest;
import dev.sluice.api.admin.ListTablesRequest;
import dev.sluice.api.admin.ResultSet;
import dev.sluice.api.admin.RoutineLoadRef;
import dev.sluice.api.admin.ShowRoutineLoadRequest;
import dev.sluice.api.admin.ShowRoutineLoadTasksRequest;
import dev.sluice.api.admin.StorageVolumeRef;
import dev.sluice.api.admin.TableRef;
import dev.sluice.controlplane.sql.SqlService;
import dev.sluice.sql.tree.CreateDatabase;
import dev.sluice.sql.tree.DescribeStorageVolume;
import dev.sluice.sql.tree.DescribeTable;
import dev.sluice.sql.tree.DropDatabase;
import dev.sluice.sql.tree.DropStorageVolume;
import dev.sluice.sql.tree.DropTable;
import dev.sluice.sql.tree.PauseRoutineLoad;
import dev.sluice.sql.tree.Position;
import dev.sluice.sql.tree.ResumeRoutineLoad;
import dev.sluice.sql.tree.SetDefaultStorageVolume;
import dev.sluice.sql.tree.ShowDatabases;
import dev.sluice.sql.tree.ShowRoutineLoad;
import dev.sluice.sql.tree.ShowRoutineLoadTask;
import dev.sluice.sql.tree.ShowStorageVolumes;
import dev.sluice.sql.tree.ShowTables;
import dev.sluice.sql.tree.Statement;
import dev.sluice.sql.tree.StopRoutineLoad;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The admin API. Every typed RPC builds the statement its SQL twin would parse to and runs it
 * through the same executor as ExecuteSql, so the two cannot drift apart. Runs on worker threads:
 * every call talks to PostgreSQL.
 */
@GrpcService
@Blocking
public class AdminGrpcService extends AdminServiceGrpc.AdminServiceImplBase {
  private static final Position NOWHERE = new Position(1, 0);

  @Inject SqlService sql;

  @Override
  public void executeSql(ExecuteSqlRequest request, StreamObserver<ExecuteSqlResponse> response) {
    answer(
        response,
        () -> {
          SqlService.ScriptResult result =
              sql.execute(request.getSql(), optional(request.getDatabase()));
          ExecuteSqlResponse.Builder builder =
              ExecuteSqlResponse.newBuilder().setDatabase(result.database().orElse(""));
          result
              .results()
              .forEach(
                  r ->
                      builder.addResults(
                          ResultSets.toProto(r.table()).toBuilder().setVertical(r.vertical())));
          return builder.build();
        });
  }

  @Override
  public void createDatabase(CreateDatabaseRequest request, StreamObserver<ResultSet> response) {
    run(
        response,
        "",
        () -> new CreateDatabase(request.getName(), request.getIfNotExists(), false, NOWHERE));
  }

  @Override
  public void dropDatabase(DropDatabaseRequest request, StreamObserver<ResultSet> response) {
    run(
        response,
        "",
        () -> new DropDatabase(request.getName(), request.getIfExists(), false, NOWHERE));
  }

  @Override
  public void listDatabases(ListDatabasesRequest request, StreamObserver<ResultSet> response) {
    run(response, "", () -> new ShowDatabases(false, NOWHERE));
  }

  @Override
  public void createTable(CreateTableRequest request, StreamObserver<ResultSet> response) {
    run(response, request.getDatabase(), () -> TypedStatements.createTable(request));
  }

  @Override
  public void dropTable(DropTableRequest request, StreamObserver<ResultSet> response) {
    run(
        response,
        request.getDatabase(),
        () ->
            new DropTable(
                TypedStatements.name(request.getDatabase(), request.getName()),
                request.getIfExists(),
                false,
                NOWHERE));
  }

  @Override
  public void listTables(ListTablesRequest request, StreamObserver<ResultSet> response) {
    run(
        response,
        request.getDatabase(),
        () -> new ShowTables(optional(request.getDatabase()), false, NOWHERE));
  }

  @Override
  public void describeTable(TableRef request, StreamObserver<ResultSet> response) {
    run(
        response,
        request.getDatabase(),
        () ->
            new DescribeTable(
                TypedStatements.name(request.getDatabase(), request.getName()), false, NOWHERE));
  }

  @Override
  public void createRoutineLoad(
      CreateRoutineLoadRequest request, StreamObserver<ResultSet> response) {
    run(response, request.getDatabase(), () -> TypedStatements.createRoutineLoad(request));
  }

  @Override
  public void alterRoutineLoad(
      AlterRoutineLoadRequest request, StreamObserver<ResultSet> response) {
    run(response, request.getDatabase(), () -> TypedStatements.alterRoutineLoad(request));
  }

  @Override
  public void showRoutineLoad(ShowRoutineLoadRequest request, StreamObserver<ResultSet> response) {
    run(
        response,
        request.getDatabase(),
        () ->
            new ShowRoutineLoad(
                request.getIncludeFinished(),
                request.getName().isEmpty()
                    ? Optional.empty()
                    : Optional.of(TypedStatements.name(request.getDatabase(), request.getName())),
                optional(request.getDatabase()),
                false,
                NOWHERE));
  }

  @Override
  public void showRoutineLoadTasks(
      ShowRoutineLoadTasksRequest request, StreamObserver<ResultSet> response) {
    run(
        response,
        request.getDatabase(),
        () ->
            new ShowRoutineLoadTask(
                optional(request.getDatabase()), request.getJobName(), false, NOWHERE));
  }

  @Override
  public void pauseRoutineLoad(RoutineLoadRef request, StreamObserver<ResultSet> response) {
    run(response, request.getDatabase(), () -> new PauseRoutineLoad(job(request), false, NOWHERE));
  }

  @Override
  public void resumeRoutineLoad(RoutineLoadRef request, StreamObserver<ResultSet> response) {
    run(response, request.getDatabase(), () -> new ResumeRoutineLoad(job(request), false, NOWHERE));
  }

  @Override
  public void stopRoutineLoad(RoutineLoadRef request, StreamObserver<ResultSet> response) {
    run(response, request.getDatabase(), () -> new StopRoutineLoad(job(request), false, NOWHERE));
  }

  @Override
  public void createStorageVolume(
      CreateStorageVolumeRequest request, StreamObserver<ResultSet> response) {
    run(response, "", () -> TypedStatements.createStorageVolume(request));
  }

  @Override
  public void listStorageVolumes(
      ListStorageVolumesRequest request, StreamObserver<ResultSet> response) {
    run(response, "", () -> new ShowStorageVolumes(false, NOWHERE));
  }

  @Override
  public void describeStorageVolume(StorageVolumeRef request, StreamObserver<ResultSet> response) {
    run(response, "", () -> new DescribeStorageVolume(request.getName(), false, NOWHERE));
  }

  @Override
  public void setDefaultStorageVolume(
      StorageVolumeRef request, StreamObserver<ResultSet> response) {
    run(response, "", () -> new SetDefaultStorageVolume(request.getName(), false, NOWHERE));
  }

  @Override
  public void dropStorageVolume(
      DropStorageVolumeRequest request, StreamObserver<ResultSet> response) {
    run(
        response,
        "",
        () -> new DropStorageVolume(request.getName(), request.getIfExists(), false, NOWHERE));
  }

  private void run(
      StreamObserver<ResultSet> response, String database, Supplier<Statement> statement) {
    answer(response, () -> ResultSets.toProto(sql.execute(statement.get(), optional(database))));
  }

  private static dev.sluice.sql.tree.QualifiedName job(RoutineLoadRef request) {
    return TypedStatements.name(request.getDatabase(), request.getName());
  }

  static <T> void answer(StreamObserver<T> response, Supplier<T> call) {
    answer(response, call, GrpcErrors::toStatus);
  }

  static <T> void answer(
      StreamObserver<T> response,
      Supplier<T> call,
      Function<RuntimeException, StatusRuntimeException> toStatus) {
    T value;
    try {
      value = call.get();
    } catch (RuntimeException e) {
      response.onError(toStatus.apply(e));
      return;
    }
    response.onNext(value);
    response.onCompleted();
  }

  private static Optional<String> optional(String value) {
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
