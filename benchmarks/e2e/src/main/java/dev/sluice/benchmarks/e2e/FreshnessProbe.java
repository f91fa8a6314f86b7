package dev.sluice.benchmarks.e2e;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Freshness: how long after a record is produced it is committed and visible. Records are produced
 * at a steady rate; SHOW ROUTINE LOAD's Progress is polled, and when a partition's last loaded
 * offset moves from a to b, records a+1..b became visible at that moment. The delay of each record
 * is that moment minus its send time.
 */
final class FreshnessProbe {
  private static final Pattern PROGRESS_ENTRY = Pattern.compile("\"(\\d+)\":\"(\\d+)\"");
  private static final long POLL_MILLIS = 50;

  /** Delays in milliseconds at the 50th and 99th percentile and the largest, over {@code count}. */
  record Result(long count, long p50Ms, long p99Ms, long maxMs) {}

  private FreshnessProbe() {}

  /**
   * Produces {@code rate} records per second for {@code seconds} into {@code topic} (already
   * created, empty) while the job loads it; records sent in the first {@code warmupSeconds} are
   * produced but not counted.
   */
  static Result measure(
      SluiceServices services,
      String database,
      String job,
      String bootstrap,
      String topic,
      int partitions,
      int rate,
      int seconds,
      int warmupSeconds)
      throws InterruptedException {
    int perPartition = rate * seconds / partitions + 1;
    AtomicLongArray[] sentAt = new AtomicLongArray[partitions];
    for (int p = 0; p < partitions; p++) {
      sentAt[p] = new AtomicLongArray(perPartition);
    }
    long[] produced = new long[partitions];
    AtomicReference<Exception> failure = new AtomicReference<>();
    Thread producerThread =
        new Thread(
            () -> produce(bootstrap, topic, partitions, rate, seconds, sentAt, produced, failure),
            "freshness-producer");
    producerThread.start();

    long[] visible = new long[partitions];
    Arrays.fill(visible, -1);
    long[] delays = new long[rate * seconds];
    int delayCount = 0;
    long warmupEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
    long deadline = System.nanoTime() + (seconds + 60) * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      long now = System.nanoTime();
      Matcher entries = PROGRESS_ENTRY.matcher(services.showJob(database, job).get("Progress"));
      while (entries.find()) {
        int p = Integer.parseInt(entries.group(1));
        long last = Long.parseLong(entries.group(2));
        for (long offset = visible[p] + 1; offset <= last && offset < perPartition; offset++) {
          long sent = sentAt[p].get((int) offset);
          if (sent >= warmupEnd) {
            delays[delayCount++] = (now - sent) / 1_000_000L;
          }
        }
        visible[p] = Math.max(visible[p], last);
      }
      if (!producerThread.isAlive() && caughtUp(visible, produced)) {
        break;
      }
      Thread.sleep(POLL_MILLIS);
    }
    producerThread.join();
    if (failure.get() != null) {
      throw new IllegalStateException("producing to " + topic + " failed", failure.get());
    }
    if (!caughtUp(visible, produced)) {
      throw new IllegalStateException(
          "the job did not catch up within 60 s after producing stopped: visible "
              + Arrays.toString(visible)
              + ", produced "
              + Arrays.toString(produced));
    }
    long[] sorted = Arrays.copyOf(delays, delayCount);
    Arrays.sort(sorted);
    return new Result(
        delayCount,
        percentile(sorted, 0.50),
        percentile(sorted, 0.99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
  }

  private static boolean caughtUp(long[] visible, long[] produced) {
    for (int p = 0; p < visible.length; p++) {
      if (visible[p] + 1 < produced[p]) {
        return false;
      }
    }
    return true;
  }

  private static long percentile(long[] sorted, double q) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, q * sorted.length)];
  }

  private static void produce(
      String bootstrap,
      String topic,
      int partitions,
      int rate,
      int seconds,
      AtomicLongArray[] sentAt,
      long[] produced,
      AtomicReference<Exception> failure) {
    Random random = new Random(7);
    long total = (long) rate * seconds;
    long start = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrap, "linger.ms", "5", "acks", "all"),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      for (long i = 0; i < total; i++) {
        long due = start + (long) (i * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        int p = (int) (i % partitions);
        byte[] value =
            Workload.CLICKS
                .record(random, i, System.currentTimeMillis() / 1000)
                .getBytes(StandardCharsets.UTF_8);
        // One idempotent producer into a new topic: the k-th record of a partition gets offset k.
        sentAt[p].set((int) produced[p], System.nanoTime());
        producer.send(
            new ProducerRecord<>(topic, p, null, value),
            (metadata, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
        produced[p]++;
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }
}
