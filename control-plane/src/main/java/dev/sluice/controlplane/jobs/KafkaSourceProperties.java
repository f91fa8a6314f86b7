package dev.sluice.controlplane.jobs;

import static dev.sluice.controlplane.jobs.JobProperties.invalid;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The FROM KAFKA (...) clause: where to read, which partitions from which offsets, and the {@code
 * property.*} entries handed to the Kafka client.
 *
 * @param partitions the partitions to read; empty means every partition of the topic
 * @param offsets the start offset of each of {@code partitions}, or empty to use {@code
 *     defaultOffset} for all
 * @param customProperties {@code property.*} without the prefix, as shown in CustomProperties
 */
public record KafkaSourceProperties(
    String brokerList,
    String topic,
    List<Integer> partitions,
    List<StartOffset> offsets,
    StartOffset defaultOffset,
    Map<String, String> customProperties) {

  public static final String BROKER_LIST = "kafka_broker_list";
  public static final String TOPIC = "kafka_topic";
  public static final String PARTITIONS = "kafka_partitions";
  public static final String OFFSETS = "kafka_offsets";
  public static final String PROPERTY_PREFIX = "property.";
  public static final String DEFAULT_OFFSETS = "kafka_default_offsets";
  public static final String SCHEMA_REGISTRY_URL = "confluent.schema.registry.url";

  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
  private static final Pattern IPV4 = Pattern.compile("[0-9]+(\\.[0-9]+){3}");
  private static final Pattern IPV6 =
      Pattern.compile("\\[[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9_.-]+)?]");
  private static final Pattern HOST_NAME =
      Pattern.compile(
          "[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\\.?");

  public KafkaSourceProperties {
    requireNonNull(brokerList, "brokerList is null");
    requireNonNull(topic, "topic is null");
    partitions = List.copyOf(requireNonNull(partitions, "partitions is null"));
    offsets = List.copyOf(requireNonNull(offsets, "offsets is null"));
    requireNonNull(defaultOffset, "defaultOffset is null");
    customProperties = Map.copyOf(requireNonNull(customProperties, "customProperties is null"));
    if (!offsets.isEmpty() && offsets.size() != partitions.size()) {
      throw invalid(
          "kafka_offsets has "
              + offsets.size()
              + " entries but kafka_partitions has "
              + partitions.size());
    }
  }

  /** Parses the clause of CREATE ROUTINE LOAD: broker list and topic are required. */
  public static KafkaSourceProperties parseForCreate(Map<String, String> given) {
    String brokers = given.get(BROKER_LIST);
    String topic = given.get(TOPIC);
    if (brokers == null || brokers.isBlank()) {
      throw invalid("FROM KAFKA needs \"kafka_broker_list\"");
    }
    if (topic == null || topic.isBlank()) {
      throw invalid("FROM KAFKA needs \"kafka_topic\"");
    }
    KafkaSourceProperties empty =
        new KafkaSourceProperties(
            parseBrokerList(brokers),
            topic.trim(),
            List.of(),
            List.of(),
            StartOffset.END,
            Map.of());
    return empty.alter(given, true);
  }

  /**
   * Applies the clause of ALTER ROUTINE LOAD: partitions, offsets and {@code property.*} may
   * change; the broker list and topic may not.
   */
  public KafkaSourceProperties alter(Map<String, String> given) {
    return alter(given, false);
  }

  private KafkaSourceProperties alter(Map<String, String> given, boolean creating) {
    Map<String, String> custom = new LinkedHashMap<>(customProperties);
    List<Integer> newPartitions = partitions;
    List<StartOffset> newOffsets = creating ? List.of() : offsets;
    boolean partitionsGiven = false;
    for (Map.Entry<String, String> entry : given.entrySet()) {
      String key = entry.getKey();
      String value = entry.getValue();
      if (key.startsWith(PROPERTY_PREFIX)) {
        custom.put(key.substring(PROPERTY_PREFIX.length()), value);
      } else if (key.equals(PARTITIONS)) {
        newPartitions = parsePartitions(value);
        partitionsGiven = true;
      } else if (key.equals(OFFSETS)) {
        newOffsets = parseOffsets(value);
      } else if (key.equals(BROKER_LIST) || key.equals(TOPIC)) {
        if (!creating) {
          throw invalid(key + " cannot be altered; create a new job instead");
        }
      } else if (key.equals(SCHEMA_REGISTRY_URL)) {
        custom.put(SCHEMA_REGISTRY_URL, value);
      } else {
        throw invalid(
            "Unknown FROM KAFKA property '"
                + key
                + "'. Known: kafka_broker_list, kafka_topic, kafka_partitions, kafka_offsets,"
                + " confluent.schema.registry.url, property.*");
      }
    }
    if (given.containsKey(OFFSETS) && newPartitions.isEmpty()) {
      throw invalid("kafka_offsets needs kafka_partitions");
    }
    if (partitionsGiven && !given.containsKey(OFFSETS)) {
      newOffsets = List.of();
    }
    StartOffset fallback =
        Optional.ofNullable(custom.get(DEFAULT_OFFSETS))
            .map(text -> StartOffset.parse(text, DEFAULT_OFFSETS))
            .orElse(StartOffset.END);
    return new KafkaSourceProperties(
        brokerList, topic, newPartitions, newOffsets, fallback, custom);
  }

  /** The start offset for {@code partition} when the job first reads it. */
  public StartOffset startOffsetOf(int partition) {
    int index = partitions.indexOf(partition);
    return index >= 0 && !offsets.isEmpty() ? offsets.get(index) : defaultOffset;
  }

  /**
   * The start offset for a partition that appeared in the topic after the job started reading it:
   * {@code kafka_default_offsets} when given, otherwise its beginning, so that records written to
   * it before the planner saw it are loaded (decision 0040).
   */
  public StartOffset startOffsetOfAddedPartition() {
    return customProperties.containsKey(DEFAULT_OFFSETS) ? defaultOffset : StartOffset.BEGINNING;
  }

  /** The same source with other {@code property.*} values (encrypted or resolved ones). */
  public KafkaSourceProperties withCustomProperties(Map<String, String> properties) {
    return new KafkaSourceProperties(
        brokerList, topic, partitions, offsets, defaultOffset, properties);
  }

  /** Kafka client properties: the custom ones that are not Routine Load settings. */
  public Map<String, String> consumerProperties() {
    Map<String, String> consumer = new LinkedHashMap<>(customProperties);
    consumer.remove(DEFAULT_OFFSETS);
    consumer.remove(SCHEMA_REGISTRY_URL);
    return consumer;
  }

  /**
   * Checks {@code kafka_broker_list}: comma-separated {@code host:port} entries, an IPv6 address in
   * brackets. A list the Kafka client cannot use is refused here, naming the entry, rather than
   * leaving a job that never moves.
   *
   * @return the list without blanks around its entries
   */
  static String parseBrokerList(String text) {
    List<String> brokers = new ArrayList<>();
    for (String entry : text.split(",", -1)) {
      String broker = entry.trim();
      if (broker.isEmpty()) {
        throw invalid("kafka_broker_list has an empty entry: '" + text.trim() + "'");
      }
      int colon = broker.lastIndexOf(':');
      String host = colon < 0 ? broker : broker.substring(0, colon);
      String port = colon < 0 ? "" : broker.substring(colon + 1);
      if (port.isEmpty()) {
        throw invalid(
            "kafka_broker_list: '" + broker + "' has no port; write host:port, e.g. kafka1:9092");
      }
      if (host.isEmpty()) {
        throw invalid("kafka_broker_list: '" + broker + "' has no host");
      }
      if (!PORT.matcher(port).matches()
          || Integer.parseInt(port) < 1
          || Integer.parseInt(port) > 65535) {
        throw invalid(
            "kafka_broker_list: '"
                + broker
                + "' has port "
                + port
                + "; a port is a number from 1 to 65535");
      }
      checkHost(host);
      brokers.add(broker);
    }
    return String.join(",", brokers);
  }

  private static void checkHost(String host) {
    if (host.startsWith("[")) {
      if (!IPV6.matcher(host).matches()) {
        throw invalid("kafka_broker_list: '" + host + "' is not an IPv6 address");
      }
    } else if (host.contains(":")) {
      throw invalid(
          "kafka_broker_list: write the IPv6 address '" + host + "' in brackets, e.g. [::1]:9092");
    } else if (IPV4.matcher(host).matches()) {
      for (String part : host.split("\\.")) {
        if (part.length() > 3 || Integer.parseInt(part) > 255) {
          throw invalid("kafka_broker_list: '" + host + "' is not an IPv4 address");
        }
      }
    } else if (host.length() > 253 || !HOST_NAME.matcher(host).matches()) {
      throw invalid("kafka_broker_list: '" + host + "' is not a host name or address");
    }
  }

  private static List<Integer> parsePartitions(String text) {
    Set<Integer> partitions = new LinkedHashSet<>();
    for (String part : text.split(",")) {
      String trimmed = part.trim();
      int partition;
      try {
        partition = Integer.parseInt(trimmed);
      } catch (NumberFormatException e) {
        throw invalid("kafka_partitions: '" + trimmed + "' is not a partition number");
      }
      if (partition < 0) {
        throw invalid("kafka_partitions: partition " + partition + " is negative");
      }
      if (!partitions.add(partition)) {
        throw invalid("kafka_partitions: partition " + partition + " is listed twice");
      }
    }
    return new ArrayList<>(partitions);
  }

  private static List<StartOffset> parseOffsets(String text) {
    List<StartOffset> offsets = new ArrayList<>();
    for (String part : text.split(",")) {
      offsets.add(StartOffset.parse(part, OFFSETS));
    }
    return offsets;
  }

  /** Where a partition starts: its beginning, its end, or an exact offset. */
  public record StartOffset(Kind kind, long offset) {
    public static final StartOffset BEGINNING = new StartOffset(Kind.BEGINNING, 0);
    public static final StartOffset END = new StartOffset(Kind.END, 0);

    /** How a start offset is given. */
    public enum Kind {
      BEGINNING,
      END,
      EXACT
    }

    public StartOffset {
      requireNonNull(kind, "kind is null");
      if (offset < 0) {
        throw invalid("offset " + offset + " is negative");
      }
    }

    static StartOffset parse(String text, String property) {
      String trimmed = text.trim();
      if (trimmed.equalsIgnoreCase("OFFSET_BEGINNING")) {
        return BEGINNING;
      }
      if (trimmed.equalsIgnoreCase("OFFSET_END")) {
        return END;
      }
      try {
        return new StartOffset(Kind.EXACT, Long.parseLong(trimmed));
      } catch (NumberFormatException e) {
        throw invalid(
            property
                + ": '"
                + trimmed
                + "' is not OFFSET_BEGINNING, OFFSET_END or an offset number");
      }
    }

    @Override
    public String toString() {
      return switch (kind) {
        case BEGINNING -> "OFFSET_BEGINNING";
        case END -> "OFFSET_END";
        case EXACT -> Long.toString(offset);
      };
    }
  }
}
