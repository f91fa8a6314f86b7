package dev.sluice.controlplane.jobs;

import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * {@link KafkaMetadata} over the Kafka admin client; one client per broker list and settings.
 *
 * <p>Offsets are listed read_committed, as the worker reads: the end of a partition is its last
 * stable offset, never past a transaction still open. A start offset or LatestSourcePosition taken
 * from the high watermark would lie beyond what the worker can read (it treats such a start as out
 * of range) and, once the transaction commits, would skip its records.
 */
public final class KafkaAdminMetadata implements KafkaMetadata, AutoCloseable {
  private static final long TIMEOUT_SECONDS = 10;
  private static final ListOffsetsOptions READ_COMMITTED =
      new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);

  private final Map<Map<String, String>, Admin> clients = new ConcurrentHashMap<>();

  @Override
  public Optional<List<Integer>> findPartitions(KafkaSourceProperties source) {
    try {
      TopicDescription description =
          admin(source)
              .describeTopics(List.of(source.topic()))
              .allTopicNames()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
              .get(source.topic());
      return Optional.of(
          description.partitions().stream().map(p -> p.partition()).sorted().toList());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw kafkaError(source, e.getCause());
    } catch (TimeoutException e) {
      throw kafkaError(source, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw kafkaError(source, e);
    }
  }

  @Override
  public Map<Integer, Long> beginningOffsets(
      KafkaSourceProperties source, List<Integer> partitions) {
    return offsets(source, partitions, OffsetSpec.earliest());
  }

  @Override
  public Map<Integer, Long> endOffsets(KafkaSourceProperties source, List<Integer> partitions) {
    return offsets(source, partitions, OffsetSpec.latest());
  }

  private Map<Integer, Long> offsets(
      KafkaSourceProperties source, List<Integer> partitions, OffsetSpec spec) {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (int partition : partitions) {
      request.put(new TopicPartition(source.topic(), partition), spec);
    }
    try {
      Map<TopicPartition, ListOffsetsResultInfo> result =
          admin(source)
              .listOffsets(request, READ_COMMITTED)
              .all()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      Map<Integer, Long> offsets = new HashMap<>();
      result.forEach((tp, info) -> offsets.put(tp.partition(), info.offset()));
      return offsets;
    } catch (ExecutionException e) {
      throw kafkaError(source, e.getCause());
    } catch (TimeoutException e) {
      throw kafkaError(source, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw kafkaError(source, e);
    }
  }

  private Admin admin(KafkaSourceProperties source) {
    Map<String, String> settings = new HashMap<>(source.consumerProperties());
    settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, source.brokerList());
    return clients.computeIfAbsent(
        Map.copyOf(settings),
        key -> {
          Properties properties = new Properties();
          properties.putAll(key);
          properties.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
          properties.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
          return Admin.create(properties);
        });
  }

  private static SluiceException kafkaError(KafkaSourceProperties source, Throwable cause) {
    return new SluiceException(
        ErrorCode.KAFKA_ERROR,
        "Kafka at "
            + source.brokerList()
            + " did not answer for topic '"
            + source.topic()
            + "': "
            + cause.getMessage(),
        cause);
  }

  @Override
  public void close() {
    clients.values().forEach(Admin::close);
    clients.clear();
  }
}
