package dev.sluice.benchmarks.e2e;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Fills a topic with a workload's records, round-robin over its partitions, as fast as it can. */
final class TopicWriter {
  private TopicWriter() {}

  /** Writes {@code count} records and returns their total size in bytes. */
  static long fill(String bootstrap, String topic, int partitions, Workload workload, long count) {
    Random random = new Random(42);
    long bytes = 0;
    AtomicReference<Exception> failure = new AtomicReference<>();
    long now = System.currentTimeMillis() / 1000;
    try (KafkaProducer<byte[], byte[]> producer = newProducer(bootstrap)) {
      for (long i = 0; i < count; i++) {
        byte[] value = workload.record(random, i, now).getBytes(StandardCharsets.UTF_8);
        bytes += value.length;
        producer.send(
            new ProducerRecord<>(topic, (int) (i % partitions), null, value),
            (metadata, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("producing to " + topic + " failed", failure.get());
    }
    return bytes;
  }

  static KafkaProducer<byte[], byte[]> newProducer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(
            "bootstrap.servers", bootstrap,
            "linger.ms", "20",
            "batch.size", "524288",
            "acks", "all"),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }
}
