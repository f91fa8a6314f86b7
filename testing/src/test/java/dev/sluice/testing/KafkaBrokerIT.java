package dev.sluice.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerIT {

  @Test
  void thousandRecordsOnFourPartitionsComeBackIntact() throws Exception {
    KafkaBroker kafka = KafkaBroker.shared();
    assertThat(KafkaBroker.shared()).isSameAs(kafka);
    assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
    String topic = "it-records-" + UUID.randomUUID();
    kafka.createTopic(topic, 4);
    kafka.createTopic(topic, 4);
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions())
          .hasSize(4);
    }

    Map<String, String> sent = produce(kafka, topic, 1000, "v");
    List<ConsumerRecord<String, String>> received =
        consumeAll(kafka, topic, 4, 1000, "read_uncommitted");

    assertThat(received).hasSize(1000);
    assertThat(toMap(received)).isEqualTo(sent);
    assertThat(received.stream().map(ConsumerRecord::partition).distinct())
        .containsExactlyInAnyOrder(0, 1, 2, 3);
  }

  @Test
  void closingTheSharedBrokerLeavesItRunning() {
    KafkaBroker kafka = KafkaBroker.shared();
    kafka.close();
    assertThat(kafka.isRunning()).isTrue();
    kafka.createTopic("it-after-close-" + UUID.randomUUID(), 1);
  }

  @Test
  void transactionalProducerCommitsAndAborts() throws Exception {
    KafkaBroker kafka = KafkaBroker.shared();
    String topic = "it-tx-" + UUID.randomUUID();
    kafka.createTopic(topic, 1);

    Properties props = producerProps(kafka);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-tx-" + UUID.randomUUID());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + i, "committed-" + i));
      }
      producer.commitTransaction();
      producer.beginTransaction();
      for (int i = 0; i < 5; i++) {
        producer.send(new ProducerRecord<>(topic, "a" + i, "aborted-" + i));
      }
      producer.flush();
      producer.abortTransaction();
    }

    List<String> committed = values(consumeAll(kafka, topic, 1, 10, "read_committed"));
    assertThat(committed)
        .containsExactlyElementsOf(
            IntStream.range(0, 10).mapToObj(i -> "committed-" + i).collect(Collectors.toList()));
    List<String> everything = values(consumeAll(kafka, topic, 1, 15, "read_uncommitted"));
    assertThat(everything).hasSize(15).contains("aborted-0", "aborted-4");
  }

  @Test
  void persistentBrokerKeepsRecordsAcrossStopAndRestart(@TempDir Path dir) throws Exception {
    String topic = "durable";
    Map<String, String> sent;
    int port;
    KafkaBroker kafka = KafkaBroker.start(dir, 0);
    try {
      port = kafka.port();
      kafka.createTopic(topic, 2);
      sent = produce(kafka, topic, 100, "d");

      kafka.stop();
      assertThat(kafka.isRunning()).isFalse();
      assertThat(FreePort.isFree(port)).isTrue();

      kafka.restart();
      assertThat(kafka.isRunning()).isTrue();
      assertThat(kafka.port()).isEqualTo(port);
      assertThat(toMap(consumeAll(kafka, topic, 2, 100, "read_uncommitted"))).isEqualTo(sent);
    } finally {
      kafka.close();
    }

    try (KafkaBroker again = KafkaBroker.start(dir, port)) {
      assertThat(toMap(consumeAll(again, topic, 2, 100, "read_uncommitted"))).isEqualTo(sent);
    }
  }

  private static Properties producerProps(KafkaBroker kafka) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return props;
  }

  private static Map<String, String> produce(
      KafkaBroker kafka, String topic, int count, String valuePrefix) throws Exception {
    Map<String, String> sent = new HashMap<>();
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(kafka))) {
      for (int i = 0; i < count; i++) {
        String key = "key-" + i;
        String value = valuePrefix + "-" + i + "-" + UUID.randomUUID();
        sent.put(key, value);
        acks.add(producer.send(new ProducerRecord<>(topic, key, value)));
      }
      producer.flush();
    }
    for (Future<RecordMetadata> ack : acks) {
      assertThat(ack.get().offset()).isNotNegative();
    }
    return sent;
  }

  private static List<ConsumerRecord<String, String>> consumeAll(
      KafkaBroker kafka, String topic, int partitions, int expected, String isolation) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> assigned =
          IntStream.range(0, partitions)
              .mapToObj(p -> new TopicPartition(topic, p))
              .collect(Collectors.toList());
      consumer.assign(assigned);
      assigned.forEach(tp -> consumer.seek(tp, 0));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      // Anything beyond the expected count would be a duplicate or a leaked aborted record.
      consumer.poll(Duration.ofMillis(300)).forEach(records::add);
    }
    return records;
  }

  private static Map<String, String> toMap(List<ConsumerRecord<String, String>> records) {
    Map<String, String> map = new HashMap<>();
    records.forEach(r -> map.put(r.key(), r.value()));
    assertThat(map).hasSameSizeAs(records);
    return map;
  }

  private static List<String> values(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(ConsumerRecord::value).collect(Collectors.toList());
  }
}
