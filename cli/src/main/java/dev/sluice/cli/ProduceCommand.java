package dev.sluice.cli;

import dev.sluice.testing.SampleRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice produce}: writes sample data to a Kafka topic — the quick start's clicks (JSON),
 * the seeds' orders (CSV), or the lines of a file — so trying Sluice needs nothing else.
 */
@Command(
    name = "produce",
    description = "Produce sample records (clicks, orders) or a file's lines to Kafka.")
final class ProduceCommand implements Callable<Integer> {
  @Option(names = "--topic", required = true, description = "The topic; created if missing.")
  String topic;

  @Option(
      names = "--partitions",
      defaultValue = "1",
      description = "Partitions of a new topic (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--count",
      defaultValue = "5",
      description = "How many records (default: ${DEFAULT-VALUE}; a file sends its lines).")
  long count;

  @Option(
      names = "--rate",
      defaultValue = "0",
      description = "Records per second; 0 for as fast as possible.")
  double rate;

  @Option(
      names = "--bootstrap",
      defaultValue = "127.0.0.1:9092",
      description = "Kafka (default: ${DEFAULT-VALUE}).")
  String bootstrap;

  @Parameters(index = "0", description = "clicks, orders, or a file whose lines are the records.")
  String source;

  @Override
  public Integer call() throws Exception {
    List<String> fileLines = null;
    if (!source.equals("clicks") && !source.equals("orders")) {
      Path file = Path.of(source);
      if (!Files.isRegularFile(file)) {
        System.err.println("ERROR: '" + source + "' is not clicks, orders or a readable file");
        return 2;
      }
      fileLines = Files.readAllLines(file, StandardCharsets.UTF_8);
      count = fileLines.size();
    }
    createTopicIfMissing();
    Random random = new Random();
    long startNanos = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrap, "linger.ms", "5"),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      for (long i = 0; i < count; i++) {
        String value =
            fileLines != null
                ? fileLines.get((int) i)
                : source.equals("clicks")
                    ? SampleRecords.click(random, System.currentTimeMillis() / 1000)
                    : SampleRecords.order(random, i);
        producer.send(new ProducerRecord<>(topic, value.getBytes(StandardCharsets.UTF_8)));
        if (count <= 20) {
          System.out.println(value);
        }
        if (rate > 0) {
          long due = startNanos + (long) ((i + 1) * 1e9 / rate);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
        }
      }
      producer.flush();
    }
    System.err.println("produced " + count + " records to " + topic);
    return 0;
  }

  private void createTopicIfMissing() throws InterruptedException {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(
            "cannot create topic " + topic + ": " + e.getCause().getMessage(), e);
      }
    }
  }
}
