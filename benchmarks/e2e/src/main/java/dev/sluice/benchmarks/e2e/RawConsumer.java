package dev.sluice.benchmarks.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The floor: a minimal KafkaConsumer, assign + seek to the beginning, reading every record of a
 * topic on one thread and touching each value. Nothing Sluice does can be faster than this.
 */
final class RawConsumer {
  private RawConsumer() {}

  /** Reads the whole topic; returns the rows and bytes read and the time it took. */
  static Measurement readAll(String bootstrap, String topic, int partitions) {
    List<TopicPartition> assigned = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      assigned.add(new TopicPartition(topic, p));
    }
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers", bootstrap,
                "enable.auto.commit", "false",
                "max.poll.records", "4096",
                "isolation.level", "read_committed"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      long started = System.nanoTime();
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
      long rows = 0;
      long bytes = 0;
      long checksum = 0;
      List<TopicPartition> behind = new ArrayList<>(assigned);
      while (!behind.isEmpty()) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          byte[] value = record.value();
          rows++;
          bytes += value.length;
          checksum += value[value.length - 1];
        }
        behind.removeIf(tp -> consumer.position(tp) >= ends.get(tp));
      }
      long elapsed = System.nanoTime() - started;
      if (checksum == 42) {
        System.out.print(""); // keeps the value reads from being optimized away
      }
      return new Measurement(rows, bytes, elapsed);
    }
  }
}
