package dev.sluice.controlplane.jobs;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the control plane asks Kafka: partition lists and offsets, never records. An interface so
 * the planner's rules can be tested with a hand-written fake as well as a real broker.
 */
public interface KafkaMetadata {
  /** The topic's partitions, or empty when the topic does not exist. */
  Optional<List<Integer>> findPartitions(KafkaSourceProperties source);

  /** The first offset still held by each partition. */
  Map<Integer, Long> beginningOffsets(KafkaSourceProperties source, List<Integer> partitions);

  /**
   * The end of each partition as a read_committed consumer sees it: the last stable offset, which
   * is the offset the next produced record gets unless a transaction is still open.
   */
  Map<Integer, Long> endOffsets(KafkaSourceProperties source, List<Integer> partitions);
}
