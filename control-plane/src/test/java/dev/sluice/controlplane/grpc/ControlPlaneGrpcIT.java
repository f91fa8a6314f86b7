package dev.sluice.controlplane.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.admin.AdminServiceGrpc;
import dev.sluice.api.admin.ExecuteSqlRequest;
import dev.sluice.api.admin.ExecuteSqlResponse;
import dev.sluice.api.admin.ResultSet;
import dev.sluice.api.admin.RoutineLoadRef;
import dev.sluice.api.admin.ShowRoutineLoadRequest;
import dev.sluice.api.lease.AcquireLeaseRequest;
import dev.sluice.api.lease.AcquireLeaseResponse;
import dev.sluice.api.lease.CommitRequest;
import dev.sluice.api.lease.CommitResponse;
import dev.sluice.api.lease.DataFile;
import dev.sluice.api.lease.Lease;
import dev.sluice.api.lease.LeaseServiceGrpc;
import dev.sluice.api.lease.PartitionProgress;
import dev.sluice.api.lease.TaskStatistics;
import dev.sluice.controlplane.ControlPlaneTestResource;
import dev.sluice.testing.KafkaBroker;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The control plane as a running service: admin and lease APIs over real gRPC. */
@QuarkusTest
@QuarkusTestResource(ControlPlaneTestResource.class)
class ControlPlaneGrpcIT {
  @GrpcClient("sluice")
  AdminServiceGrpc.AdminServiceBlockingStub admin;

  @GrpcClient("sluice")
  LeaseServiceGrpc.LeaseServiceBlockingStub lease;

  private ExecuteSqlResponse sql(String statements, String database) {
    return admin.executeSql(
        ExecuteSqlRequest.newBuilder().setSql(statements).setDatabase(database).build());
  }

  @Test
  void aJobCreatedOverSqlIsLeasedAndCommittedOverTheLeaseApi() {
    KafkaBroker.shared().createTopic("grpc_clicks", 2);
    ExecuteSqlResponse created =
        sql(
            """
            CREATE DATABASE quickstart;
            USE quickstart;
            CREATE TABLE site_clicks (
                `uid` bigint NOT NULL COMMENT "uid",
                `site` string NOT NULL COMMENT "site url",
                `vtime` bigint NOT NULL COMMENT "vtime"
            )
            DISTRIBUTED BY HASH(`uid`)
            PROPERTIES("replication_num"="1");
            CREATE ROUTINE LOAD quickstart.clicks ON site_clicks
            PROPERTIES
            (
                "format" = "JSON",
                "jsonpaths" ="[\\"$.uid\\",\\"$.site\\",\\"$.vtime\\"]"
            )
            FROM KAFKA
            (
                "kafka_broker_list" = "%s",
                "kafka_topic" = "grpc_clicks",
                "property.kafka_default_offsets" = "OFFSET_BEGINNING"
            );
            """
                .formatted(KafkaBroker.shared().bootstrapServers()),
            "");
    assertThat(created.getResultsCount()).isEqualTo(4);
    assertThat(created.getDatabase()).isEqualTo("quickstart");

    // The planner runs in the background; a worker polls until the task appears.
    Lease leased =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    lease.acquireLease(AcquireLeaseRequest.newBuilder().setWorkerId("w-1").build()),
                AcquireLeaseResponse::hasLease)
            .getLease();
    assertThat(leased.getJobName()).isEqualTo("clicks");
    assertThat(leased.getSpec().getFormat()).isEqualTo("json");
    assertThat(leased.getTable().getColumnsList())
        .extracting(c -> c.getName() + " " + c.getType())
        .containsExactly("uid BIGINT", "site STRING", "vtime BIGINT");
    assertThat(leased.getStorage().getKind()).isEqualTo("local");
    // One worker seen so far: one task owns both partitions.
    assertThat(leased.getPartitionsList()).hasSize(2);

    CommitRequest.Builder commit =
        CommitRequest.newBuilder()
            .setTaskId(leased.getTaskId())
            .setLeaseEpoch(leased.getLeaseEpoch())
            .setAttemptId(leased.getAttemptId())
            .addFiles(
                DataFile.newBuilder()
                    .setObjectKey("tables/x/" + leased.getAttemptId() + "/0.parquet")
                    .setRowCount(5)
                    .setSizeBytes(100))
            .setStatistics(
                TaskStatistics.newBuilder()
                    .setReceivedBytes(372)
                    .setTotalRows(5)
                    .setLoadedRows(5)
                    .setTaskExecuteTimeMs(519));
    leased
        .getPartitionsList()
        .forEach(
            p ->
                commit.addProgress(
                    PartitionProgress.newBuilder()
                        .setPartition(p.getPartition())
                        .setStartOffset(p.getStartOffset())
                        .setEndOffset(p.getStartOffset() + 5)));
    CommitResponse first = lease.commit(commit.build());
    CommitResponse again = lease.commit(commit.build());
    assertThat(again.getTxnId()).isEqualTo(first.getTxnId());
    assertThat(again.getAlreadyCommitted()).isTrue();

    ResultSet show =
        admin.showRoutineLoad(
            ShowRoutineLoadRequest.newBuilder()
                .setDatabase("quickstart")
                .setName("clicks")
                .build());
    int statistic = show.getColumnsList().indexOf("Statistic");
    assertThat(show.getRows(0).getValues(statistic).getText())
        .contains("\"loadedRows\":5")
        .contains("\"committedTaskNum\":1");

    admin.pauseRoutineLoad(
        RoutineLoadRef.newBuilder().setDatabase("quickstart").setName("clicks").build());
    // A commit from the attempt that the pause fenced is refused with FAILED_PRECONDITION.
    assertThatThrownBy(
            () -> lease.commit(commit.setAttemptId(java.util.UUID.randomUUID().toString()).build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
              assertThat(e.getStatus().getDescription()).startsWith("[LEASE_LOST]");
            });
  }

  @GrpcClient("sluice")
  io.grpc.Channel channel;

  @Test
  void serverReflectionListsBothApis() throws Exception {
    java.util.concurrent.CompletableFuture<java.util.List<String>> services =
        new java.util.concurrent.CompletableFuture<>();
    io.grpc.stub.StreamObserver<io.grpc.reflection.v1.ServerReflectionRequest> requests =
        io.grpc.reflection.v1.ServerReflectionGrpc.newStub(channel)
            .serverReflectionInfo(
                new io.grpc.stub.StreamObserver<>() {
                  @Override
                  public void onNext(io.grpc.reflection.v1.ServerReflectionResponse value) {
                    services.complete(
                        value.getListServicesResponse().getServiceList().stream()
                            .map(io.grpc.reflection.v1.ServiceResponse::getName)
                            .toList());
                  }

                  @Override
                  public void onError(Throwable t) {
                    services.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {}
                });
    requests.onNext(
        io.grpc.reflection.v1.ServerReflectionRequest.newBuilder().setListServices("*").build());
    assertThat(services.get(10, java.util.concurrent.TimeUnit.SECONDS))
        .contains("sluice.v1.AdminService", "sluice.v1.LeaseService");
    requests.onCompleted();
  }

  @Test
  void typedRpcsBehaveLikeTheirSqlTwins() {
    admin.createDatabase(
        dev.sluice.api.admin.CreateDatabaseRequest.newBuilder().setName("typed").build());
    admin.createTable(
        dev.sluice.api.admin.CreateTableRequest.newBuilder()
            .setDatabase("typed")
            .setName("orders")
            .addColumns(
                dev.sluice.api.admin.ColumnDefinition.newBuilder()
                    .setName("order_id")
                    .setType("bigint")
                    .setNotNull(true))
            .addColumns(
                dev.sluice.api.admin.ColumnDefinition.newBuilder()
                    .setName("customer_name")
                    .setType("varchar(26)"))
            .setKeyModel("PRIMARY")
            .addKeyColumns("order_id")
            .addDistributedBy("order_id")
            .setBuckets(5)
            .build());
    sql(
        "CREATE TABLE typed.orders_sql (`order_id` bigint NOT NULL, `customer_name` varchar(26))"
            + " PRIMARY KEY (order_id) DISTRIBUTED BY HASH(order_id) BUCKETS 5",
        "");
    ResultSet typed =
        admin.describeTable(
            dev.sluice.api.admin.TableRef.newBuilder()
                .setDatabase("typed")
                .setName("orders")
                .build());
    ResultSet viaSql = sql("DESC typed.orders_sql", "").getResults(0);
    assertThat(typed).isEqualTo(viaSql);
    assertThat(typed.getRowsCount()).isEqualTo(2);

    admin.createRoutineLoad(
        dev.sluice.api.admin.CreateRoutineLoadRequest.newBuilder()
            .setDatabase("typed")
            .setName("orders_job")
            .setTable("orders")
            .setColumnSeparator(",")
            .setColumns("order_id, temp, customer_name")
            .putJobProperties("desired_concurrent_number", "2")
            .putDataSourceProperties("kafka_broker_list", "127.0.0.1:1")
            .putDataSourceProperties("kafka_topic", "typed_orders")
            .build());
    int properties =
        sql("SHOW ROUTINE LOAD FOR typed.orders_job", "")
            .getResults(0)
            .getColumnsList()
            .indexOf("JobProperties");
    assertThat(
            sql("SHOW ROUTINE LOAD FOR typed.orders_job", "")
                .getResults(0)
                .getRows(0)
                .getValues(properties)
                .getText())
        .contains("\"columnToColumnExpr\":\"order_id,temp,customer_name\"")
        .contains("\"desireTaskConcurrentNum\":\"2\"");
    admin.stopRoutineLoad(
        RoutineLoadRef.newBuilder().setDatabase("typed").setName("orders_job").build());

    assertThat(
            admin
                .listStorageVolumes(
                    dev.sluice.api.admin.ListStorageVolumesRequest.getDefaultInstance())
                .getRows(0)
                .getValues(0)
                .getText())
        .isEqualTo("builtin_storage_volume");
    assertThatThrownBy(
            () ->
                admin.createTable(
                    dev.sluice.api.admin.CreateTableRequest.newBuilder()
                        .setDatabase("typed")
                        .setName("bad")
                        .addColumns(
                            dev.sluice.api.admin.ColumnDefinition.newBuilder()
                                .setName("k")
                                .setType("NOT_A_TYPE"))
                        .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription())
                  .startsWith("[INVALID_ARGUMENT] column 'k':");
            });
  }

  @Test
  void userErrorsMapToStableCodesAndStatuses() {
    assertThatThrownBy(() -> sql("SHOW TABLES", ""))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
              assertThat(e.getStatus().getDescription())
                  .isEqualTo(
                      "[NO_DATABASE_SELECTED] No database selected: run USE <database> or qualify the name as db.name");
            });
    assertThatThrownBy(() -> sql("SHOW TABLES FROM nowhere", ""))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription())
                  .isEqualTo("[UNKNOWN_DATABASE] Unknown database 'nowhere'");
            });
    assertThatThrownBy(() -> sql("CREAT DATABASE x", ""))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).startsWith("[SYNTAX_ERROR] line 1:0");
            });
  }

  @Test
  void hugeStatementsGetAnErrorAndTheServiceGoesOn() {
    // Parsed, and refused by the token limit with a position.
    String oneMegabyte = "SELECT " + "a, ".repeat(350_000) + "b";
    assertThatThrownBy(() -> sql(oneMegabyte, ""))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription())
                  .startsWith("[SYNTAX_ERROR] line 1:")
                  .endsWith("input too long (more than 100000 tokens)");
            });
    // Beyond the transport's message limit, gRPC itself refuses the request.
    String tooBig = "-- " + "x".repeat(17 << 20) + "\nSHOW DATABASES";
    assertThatThrownBy(() -> sql(tooBig, ""))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
    assertThat(sql("SHOW DATABASES", "").getResultsCount()).isEqualTo(1);
  }
}
