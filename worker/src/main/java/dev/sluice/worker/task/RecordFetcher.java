package dev.sluice.worker.task;

import dev.sluice.worker.metrics.WorkerMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;

/**
 * Polls Kafka on a thread of its own, so that fetching and decompressing the next records overlaps
 * decoding the last ones. Whole poll results are handed over in order, each with every partition's
 * position after it; at most {@value #QUEUED_POLLS} wait, so memory stays bounded by that many
 * fetches (each bounded by the consumer's {@code fetch.max.bytes}).
 *
 * <p>It stops by itself once every partition reached its end offset, and when {@link #close()}d
 * (within one poll's timeout). The consumer is used by this thread only between {@link #start()}
 * and {@link #close()}.
 */
final class RecordFetcher implements AutoCloseable {
  static final int QUEUED_POLLS = 4;
  private static final Duration POLL = Duration.ofMillis(100);

  /** What the fetcher hands over, in order. */
  sealed interface Fetched permits Records, Drained, OutOfRange, Failed {}

  /** The records of one poll and each partition's position after them. */
  record Records(ConsumerRecords<byte[], byte[]> records, Map<TopicPartition, Long> positions)
      implements Fetched {}

  /** Every partition reached the end offset it had when the round started; nothing follows. */
  record Drained() implements Fetched {}

  /** A partition's position does not exist in Kafka (any more); nothing follows. */
  record OutOfRange(int partition, long offset) implements Fetched {}

  /** Polling failed; nothing follows. */
  record Failed(RuntimeException error) implements Fetched {}

  private final Consumer<byte[], byte[]> consumer;
  private final Map<TopicPartition, Long> ends;
  private final Set<TopicPartition> behind;
  private final BlockingQueue<Fetched> queue = new ArrayBlockingQueue<>(QUEUED_POLLS);
  private final WorkerMetrics metrics;
  private final Thread thread;
  private volatile boolean stopped;

  /**
   * @param behind the partitions still to read, positioned at their start offsets
   * @param ends the end offset of each of them when the round started
   */
  RecordFetcher(
      Consumer<byte[], byte[]> consumer,
      Set<TopicPartition> behind,
      Map<TopicPartition, Long> ends,
      WorkerMetrics metrics,
      String name) {
    this.metrics = metrics;
    this.consumer = consumer;
    this.behind = new HashSet<>(behind);
    this.ends = Map.copyOf(ends);
    this.thread = new Thread(this::fetch, name);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** The next hand-over, or null when none arrived within {@code timeoutMs}. */
  Fetched next(long timeoutMs) throws InterruptedException {
    return queue.poll(timeoutMs, TimeUnit.MILLISECONDS);
  }

  private void fetch() {
    try {
      Map<TopicPartition, Long> last = positions();
      while (!stopped && !behind.isEmpty()) {
        long polling = System.nanoTime();
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        metrics.recordStage(WorkerMetrics.Stage.CONSUME, System.nanoTime() - polling);
        Map<TopicPartition, Long> positions = positions();
        behind.removeIf(tp -> positions.get(tp) >= ends.get(tp));
        // A poll without records can still move positions, over transaction markers.
        if (!records.isEmpty() || !positions.equals(last)) {
          hand(new Records(records, positions));
          last = positions;
        }
      }
      if (behind.isEmpty()) {
        hand(new Drained());
      }
    } catch (OffsetOutOfRangeException e) {
      var bad = e.offsetOutOfRangePartitions().entrySet().iterator().next();
      hand(new OutOfRange(bad.getKey().partition(), bad.getValue()));
    } catch (RuntimeException e) {
      hand(new Failed(e));
    }
  }

  private Map<TopicPartition, Long> positions() {
    Map<TopicPartition, Long> positions = new HashMap<>();
    for (TopicPartition tp : consumer.assignment()) {
      positions.put(tp, consumer.position(tp));
    }
    return positions;
  }

  private void hand(Fetched fetched) {
    try {
      while (!stopped) {
        if (queue.offer(fetched, 100, TimeUnit.MILLISECONDS)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops polling and waits for the thread, after which the consumer is the caller's again. */
  @Override
  public void close() {
    // No consumer.wakeup(): it would stay pending if the thread had already ended and then fail
    // the caller's next consumer call. A poll returns within POLL anyway.
    stopped = true;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    queue.clear();
  }
}
