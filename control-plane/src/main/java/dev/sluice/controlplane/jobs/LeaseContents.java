package dev.sluice.controlplane.jobs;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import dev.sluice.api.lease.Column;
import dev.sluice.api.lease.KafkaSource;
import dev.sluice.api.lease.Lease;
import dev.sluice.api.lease.LoadSpec;
import dev.sluice.api.lease.PartitionStart;
import dev.sluice.api.lease.TableSchema;
import dev.sluice.controlplane.catalog.CatalogService;
import dev.sluice.controlplane.catalog.ClusterId;
import dev.sluice.controlplane.catalog.StorageLocations;
import dev.sluice.controlplane.catalog.StorageVolumeService;
import dev.sluice.controlplane.catalog.TableDefinition;
import dev.sluice.controlplane.lease.LeaseGrant;
import dev.sluice.controlplane.store.Database;
import java.nio.charset.StandardCharsets;

/** Fills a lease with everything a worker needs to run the task without asking again. */
public final class LeaseContents {
  private final Database database;
  private final KafkaClientConfig kafkaClients;
  private final StorageVolumeService volumes;
  private final ClusterId cluster;

  public LeaseContents(
      Database database,
      KafkaClientConfig kafkaClients,
      StorageVolumeService volumes,
      ClusterId cluster) {
    this.database = requireNonNull(database, "database is null");
    this.kafkaClients = requireNonNull(kafkaClients, "kafkaClients is null");
    this.volumes = requireNonNull(volumes, "volumes is null");
    this.cluster = requireNonNull(cluster, "cluster is null");
  }

  public Lease toLease(LeaseGrant grant) {
    return database.inTransaction(
        connection -> {
          JobRecord job = JobRepository.findById(connection, grant.jobId()).orElseThrow();
          TableDefinition table = CatalogService.loadTable(connection, job.tableId());
          Lease.Builder lease =
              Lease.newBuilder()
                  .setTaskId(grant.taskId().toString())
                  .setJobId(job.id())
                  .setJobName(job.name())
                  .setLeaseEpoch(grant.epoch())
                  .setAttemptId(grant.attemptId().toString())
                  .setLeaseExpiresAtMs(grant.expiresAt().toEpochMilli())
                  .setLeaseDurationMs(grant.duration().toMillis())
                  .setSource(
                      KafkaSource.newBuilder()
                          .setBrokerList(job.source().brokerList())
                          .setTopic(job.source().topic())
                          .putAllConsumerProperties(
                              kafkaClients.clientProperties(
                                  connection, job.database(), job.source())))
                  .setSpec(loadSpec(job))
                  .setTable(schema(table))
                  .setStorage(
                      StorageLocations.forTable(
                          volumes.requireWithSecrets(connection, table.storageVolume()),
                          cluster,
                          table.id()));
          grant
              .partitions()
              .forEach(
                  p ->
                      lease.addPartitions(
                          PartitionStart.newBuilder()
                              .setPartition(p.partition())
                              .setStartOffset(p.startOffset())));
          return lease.build();
        });
  }

  private static LoadSpec loadSpec(JobRecord job) {
    JobProperties p = job.properties();
    return LoadSpec.newBuilder()
        .setFormat(p.format())
        .setColumnSeparator(
            ByteString.copyFrom(job.loadSpec().columnSeparator(), StandardCharsets.UTF_8))
        .setColumns(job.loadSpec().columns())
        .setWhere(job.loadSpec().where())
        .setJsonpaths(p.jsonpaths())
        .setJsonRoot(p.jsonRoot())
        .setStripOuterArray(p.stripOuterArray())
        .setStrictMode(p.strictMode())
        .setTimezone(p.timezone())
        .setMaxBatchRows(p.maxBatchRows())
        .setMaxBatchSize(p.maxBatchSize())
        .setTaskConsumeMs(p.taskConsumeSecond() * 1000L)
        .setLogRejectedRecordNum(p.logRejectedRecordNum())
        .setSchemaRegistryUrl(
            job.source()
                .customProperties()
                .getOrDefault(KafkaSourceProperties.SCHEMA_REGISTRY_URL, ""))
        .build();
  }

  private static TableSchema schema(TableDefinition table) {
    TableSchema.Builder schema =
        TableSchema.newBuilder()
            .setDatabase(table.database())
            .setName(table.name())
            .setTableId(table.id())
            .addAllPartitionBy(table.partitionBy())
            .addAllDistributedBy(table.distributedBy())
            .setBuckets(table.buckets());
    for (TableDefinition.Column column : table.columns()) {
      schema.addColumns(
          Column.newBuilder()
              .setName(column.name())
              .setType(column.type())
              .setNullable(column.nullable()));
    }
    return schema.build();
  }
}
