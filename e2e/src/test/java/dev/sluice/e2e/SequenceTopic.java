package dev.sluice.e2e;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A topic of known content: record {@code seq} of partition {@code p} is the CSV line {@code
 * p<TAB>seq<TAB>payload}, the payload derived from (p, seq, salt), so a lost, doubled or altered
 * record shows in the table. Loads into {@code (part int, seq bigint, payload varchar(64))}.
 */
final class SequenceTopic {
  private SequenceTopic() {}

  /** The table's columns, for CREATE TABLE. */
  static final String COLUMNS =
      "`part` int NOT NULL, `seq` bigint NOT NULL, `payload` varchar(64) NOT NULL";

  static String payload(int partition, long seq, long salt) {
    long z = salt + partition * 0x9E3779B97F4A7C15L + seq * 0xBF58476D1CE4E5B9L;
    // SplitMix64's finaliser: every (partition, seq) gets its own well-mixed payload.
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return "p" + partition + "-" + seq + "-" + Long.toHexString(z);
  }

  static byte[] value(int partition, long seq, long salt) {
    return value(partition, seq, salt, "");
  }

  /** Payloads of records written in a Kafka transaction that was to commit. */
  static final String TRANSACTIONAL_PREFIX = "txn-";

  /** Payloads of records written in a Kafka transaction that was to abort: never to be loaded. */
  static final String ABORTED_PREFIX = "aborted-";

  /** A record whose payload starts with {@code prefix}, telling how it was written. */
  static byte[] value(int partition, long seq, long salt, String prefix) {
    return (partition + "\t" + seq + "\t" + prefix + payload(partition, seq, salt))
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A producer for Kafka transactions under {@code transactionalId}; a transaction it leaves open
   * is aborted by the broker after 20 s, or at once by the next producer with the same id.
   */
  static KafkaProducer<byte[], byte[]> transactionalProducer(
      String bootstrapServers, String transactionalId) {
    return new KafkaProducer<>(
        Map.of(
            "bootstrap.servers", bootstrapServers,
            "transactional.id", transactionalId,
            "transaction.timeout.ms", "20000",
            "max.block.ms", "20000",
            "linger.ms", "5",
            "acks", "all",
            "enable.idempotence", "true"),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  /** Writes sequence numbers {@code [from, to)} to one partition and waits for every ack. */
  static void produceTo(
      String bootstrapServers, String topic, int partition, long from, long to, long salt) {
    produce(bootstrapServers, topic, List.of(partition), from, to, salt);
  }

  static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
    return new KafkaProducer<>(
        Map.of(
            "bootstrap.servers", bootstrapServers,
            "linger.ms", "20",
            "batch.size", "262144",
            "acks", "all",
            "enable.idempotence", "true"),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  /** Writes sequence numbers {@code [from, to)} to every partition and waits for every ack. */
  static void produce(
      String bootstrapServers, String topic, int partitions, long from, long to, long salt) {
    List<Integer> all = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      all.add(p);
    }
    produce(bootstrapServers, topic, all, from, to, salt);
  }

  private static void produce(
      String bootstrapServers,
      String topic,
      List<Integer> partitions,
      long from,
      long to,
      long salt) {
    try (KafkaProducer<byte[], byte[]> producer = producer(bootstrapServers)) {
      AtomicReference<Exception> failure = new AtomicReference<>();
      for (long seq = from; seq < to; seq++) {
        for (int p : partitions) {
          producer.send(
              new ProducerRecord<>(topic, p, null, value(p, seq, salt)),
              (metadata, e) -> {
                if (e != null) {
                  failure.compareAndSet(null, e);
                }
              });
        }
      }
      producer.flush();
      if (failure.get() != null) {
        throw new IllegalStateException("producing to " + topic + " failed", failure.get());
      }
    }
  }

  /** Per-partition figures of a set of records; equal figures on both sides mean equal sets. */
  record PartitionFigures(long count, long distinct, long min, long max, BigInteger sum) {}

  /**
   * What the topic holds, read back from Kafka (read_committed): per-partition figures, a CRC32 of
   * every record's line in (part, seq, payload) order, and the end offsets.
   */
  record Content(
      Map<Integer, PartitionFigures> partitions,
      long checksum,
      Map<Integer, Long> endOffsets,
      Map<String, Long> recordsByKind) {

    /** Records in the topic (each once) whose payload starts with {@code prefix}, or plain ones. */
    long records(String prefix) {
      return recordsByKind.getOrDefault(prefix, 0L);
    }

    /** How many rows the table must hold: every record times its multiplicity. */
    long total() {
      return partitions.values().stream().mapToLong(PartitionFigures::count).sum();
    }

    /** How many different records the table must hold. */
    long distinctTotal() {
      return partitions.values().stream().mapToLong(PartitionFigures::distinct).sum();
    }

    /** Progress as SHOW ROUTINE LOAD prints it once everything is loaded: the last offsets. */
    String progressJson() {
      StringBuilder json = new StringBuilder("{");
      endOffsets.forEach(
          (p, end) -> {
            if (json.length() > 1) {
              json.append(',');
            }
            json.append('"').append(p).append("\":\"").append(end - 1).append('"');
          });
      return json.append('}').toString();
    }
  }

  /**
   * How many times the table must hold the record at {@code offset} of {@code partition}: 1 for a
   * plain load, 0 for a record an ALTER skipped, 2 or more for one an ALTER made the job read
   * again.
   */
  interface Multiplicity {
    Multiplicity ONCE = (partition, offset) -> 1;

    int of(int partition, long offset);
  }

  static Content read(String bootstrapServers, String topic) {
    return read(bootstrapServers, topic, Multiplicity.ONCE);
  }

  /** What the table must hold when each record appears as often as {@code multiplicity} says. */
  static Content read(String bootstrapServers, String topic, Multiplicity multiplicity) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                bootstrapServers,
                "isolation.level",
                "read_committed",
                "enable.auto.commit",
                "false",
                "max.poll.records",
                "10000"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic, Duration.ofSeconds(30))
          .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      Map<Integer, List<Line>> lines = new TreeMap<>();
      Map<String, Long> byKind = new TreeMap<>();
      partitions.forEach(tp -> lines.put(tp.partition(), new ArrayList<>()));
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("reading " + topic + " back took over 2 minutes");
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          String[] fields = new String(record.value(), StandardCharsets.UTF_8).split("\t", 3);
          Line line = new Line(Integer.parseInt(fields[0]), Long.parseLong(fields[1]), fields[2]);
          String kind =
              line.payload().startsWith(TRANSACTIONAL_PREFIX)
                  ? TRANSACTIONAL_PREFIX
                  : line.payload().startsWith(ABORTED_PREFIX) ? ABORTED_PREFIX : "";
          byKind.merge(kind, 1L, Long::sum);
          int times = multiplicity.of(record.partition(), record.offset());
          for (int i = 0; i < times; i++) {
            lines.get(record.partition()).add(line);
          }
        }
      }
      Map<Integer, PartitionFigures> figures = new TreeMap<>();
      List<Line> all = new ArrayList<>();
      lines.forEach(
          (p, list) -> {
            if (!list.isEmpty()) {
              figures.put(p, figuresOf(list));
            }
            all.addAll(list);
          });
      Map<Integer, Long> endOffsets = new TreeMap<>();
      ends.forEach((tp, end) -> endOffsets.put(tp.partition(), end));
      return new Content(figures, checksum(all), endOffsets, byKind);
    }
  }

  /** A record as a table row. */
  record Line(int part, long seq, String payload) implements Comparable<Line> {
    @Override
    public int compareTo(Line other) {
      int byPart = Integer.compare(part, other.part);
      if (byPart != 0) {
        return byPart;
      }
      int bySeq = Long.compare(seq, other.seq);
      return bySeq != 0 ? bySeq : payload.compareTo(other.payload);
    }
  }

  static PartitionFigures figuresOf(List<Line> lines) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    BigInteger sum = BigInteger.ZERO;
    Map<Long, Boolean> distinct = new HashMap<>();
    for (Line line : lines) {
      min = Math.min(min, line.seq());
      max = Math.max(max, line.seq());
      sum = sum.add(BigInteger.valueOf(line.seq()));
      distinct.put(line.seq(), Boolean.TRUE);
    }
    return new PartitionFigures(lines.size(), distinct.size(), min, max, sum);
  }

  /** CRC32 of every line {@code part<TAB>seq<TAB>payload\n} in sorted order. */
  static long checksum(List<Line> lines) {
    List<Line> sorted = new ArrayList<>(lines);
    sorted.sort(null);
    CRC32 crc = new CRC32();
    for (Line line : sorted) {
      crc.update(
          (line.part() + "\t" + line.seq() + "\t" + line.payload() + "\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    return crc.getValue();
  }
}
