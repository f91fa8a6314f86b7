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
import org.apache.kafka.common.KafkaException;
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
  // Short, so that a job whose Kafka cannot be reached says why in OtherMsg within seconds.
  private static final long TIMEOUT_SECONDS = 5;
  private static final ListOffsetsOptions READ_COMMITTED =
      new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
  private static final String TIMEOUT_MS = Long.toString(TIMEOUT_SECONDS * 1000);

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
    try {
      return clients.computeIfAbsent(Map.copyOf(settings), KafkaAdminMetadata::createAdmin);
    } catch (KafkaException e) {
      // E.g. no broker name resolves: the client refuses to start, and would on every try.
      throw new SluiceException(
          ErrorCode.KAFKA_ERROR,
          "Kafka at "
              + source.brokerList()
              + " cannot be reached for topic '"
              + source.topic()
              + "': "
              + innermostMessage(e),
          e);
    }
  }

  private static Admin createAdmin(Map<String, String> settings) {
    Properties properties = new Properties();
    properties.putAll(settings);
    properties.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
    properties.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
    return Admin.create(properties);
  }

  /**
   * The client wraps the reason ("Failed to create new KafkaAdminClient"); users need the reason.
   */
  private static String innermostMessage(Throwable error) {
    String message = error.getMessage();
    for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null) {
        message = cause.getMessage();
      }
    }
    return message;
  }

  /** A timeout names the bound; any other failure is Kafka's own message. */
  private static SluiceException kafkaError(KafkaSourceProperties source, Throwable cause) {
    boolean timeout =
        cause instanceof TimeoutException
            || cause instanceof org.apache.kafka.common.errors.TimeoutException;
    String detail =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new SluiceException(
        ErrorCode.KAFKA_ERROR,
        "Kafka at "
            + source.brokerList()
            + (timeout ? " did not answer for topic '" : " failed for topic '")
            + source.topic()
            + "'"
            + (timeout ? " within " + TIMEOUT_SECONDS + " s: " : ": ")
            + detail,
        cause);
  }

  @Override
  public void close() {
    clients.values().forEach(Admin::close);
    clients.clear();
  }
}
