package dev.sluice.worker.control;

import com.google.protobuf.ByteString;
import dev.sluice.api.lease.Column;
import dev.sluice.api.lease.KafkaSource;
import dev.sluice.api.lease.Lease;
import dev.sluice.api.lease.LoadSpec;
import dev.sluice.api.lease.PartitionStart;
import dev.sluice.api.lease.StorageLocation;
import dev.sluice.api.lease.TableSchema;
import dev.sluice.worker.metrics.WorkerMetrics;
import dev.sluice.worker.task.ObjectStores;
import dev.sluice.worker.task.TaskRound;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The worker's task path, run in a JVM of its own by {@code NativeRegistrationsIT} under a flight
 * recording of every class loaded and defined: the allocator the worker creates, one round per
 * format (CSV, JSON, Avro with a schema registry) with the consumer built from the worker's own
 * settings against a real broker, tablets written as ZSTD Parquet and uploaded to a real S3 API
 * server. A fresh JVM, so that no class was loaded before the recording by an earlier test.
 *
 * <p>Arguments: recording file, bootstrap servers, S3 endpoint, access key, secret key, bucket,
 * schema registry URL, then the topics for csv, json and avro (each with 2 partitions).
 */
public final class TracedTaskRounds {
  private TracedTaskRounds() {}

  public static void main(String[] args) throws Exception {
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ClassLoad").withStackTrace().withThreshold(Duration.ZERO);
      recording.enable("jdk.ClassDefine").withStackTrace();
      recording.start();
      // Everything the worker touches is loaded from here on, after the recording started.
      run(args);
      recording.stop();
      recording.dump(Path.of(args[0]));
    }
  }

  private static void run(String[] args) {
    StorageLocation storage =
        StorageLocation.newBuilder()
            .setKind("s3")
            .setEndpoint(args[2])
            .setAccessKey(args[3])
            .setSecretKey(args[4])
            .setBucket(args[5])
            .setRegion("us-east-1")
            .setPathStyle(true)
            .setPrefix("native")
            .build();
    String registry = args[6];
    // As WorkerService and LeaseRunner build them.
    try (BufferAllocator allocator = new RootAllocator(256L << 20);
        ObjectStores stores = new ObjectStores()) {
      WorkerMetrics metrics = new WorkerMetrics(new SimpleMeterRegistry());
      String[] formats = {"csv", "json", "avro"};
      for (int i = 0; i < formats.length; i++) {
        Lease lease = lease(formats[i], args[1], args[7 + i], storage, registry);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                    LeaseRunner.consumerProperties(lease),
                    new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            BufferAllocator taskMemory =
                allocator.newChildAllocator("task", 0, allocator.getLimit())) {
          TaskRound.Outcome outcome =
              new TaskRound(
                      lease, stores.forLocation(storage), taskMemory, consumer, () -> true, metrics)
                  .run();
          TaskRound.Completed completed = (TaskRound.Completed) outcome;
          // Read by the test: what each round loaded.
          System.out.println(
              "loaded "
                  + formats[i]
                  + " rows="
                  + completed.commit().getStatistics().getLoadedRows()
                  + " files="
                  + completed.commit().getFilesCount());
        }
      }
    }
  }

  private static Lease lease(
      String format, String brokers, String topic, StorageLocation storage, String registry) {
    LoadSpec.Builder spec =
        LoadSpec.newBuilder()
            .setFormat(format)
            .setStrictMode(true)
            .setMaxBatchRows(1_000_000)
            .setMaxBatchSize(1L << 30)
            .setTaskConsumeMs(60_000);
    if (format.equals("csv")) {
      spec.setColumnSeparator(ByteString.copyFromUtf8(","));
    } else if (format.equals("avro")) {
      spec.setSchemaRegistryUrl(registry);
    }
    return Lease.newBuilder()
        .setTaskId("task-" + format)
        .setJobName("native_" + format)
        .setLeaseEpoch(1)
        .setAttemptId("attempt-" + format)
        .setSource(KafkaSource.newBuilder().setTopic(topic).setBrokerList(brokers))
        .addPartitions(PartitionStart.newBuilder().setPartition(0).setStartOffset(0))
        .addPartitions(PartitionStart.newBuilder().setPartition(1).setStartOffset(0))
        .setSpec(spec)
        .setTable(
            TableSchema.newBuilder()
                .setDatabase("db")
                .setName("orders_" + format)
                .setTableId(1)
                .addColumns(Column.newBuilder().setName("id").setType("bigint"))
                .addColumns(
                    Column.newBuilder().setName("name").setType("varchar(20)").setNullable(true))
                .addColumns(
                    Column.newBuilder().setName("price").setType("double").setNullable(true))
                .addDistributedBy("id")
                .setBuckets(2))
        .setStorage(storage)
        .build();
  }
}
