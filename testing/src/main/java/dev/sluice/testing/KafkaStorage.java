package dev.sluice.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;

/** A broker's log directory: formatted once, then reused with its node id and cluster id. */
final class KafkaStorage {

  // Distinct ids keep two brokers in one JVM from fighting over the same JMX names.
  private static final AtomicInteger NEXT_NODE_ID = new AtomicInteger(1);

  private final Path home;
  private final Path logDir;
  private final int nodeId;

  KafkaStorage(Path home) {
    this.home = home;
    this.logDir = home.resolve("kafka-logs");
    Integer formatted = formattedNodeId();
    this.nodeId = formatted != null ? formatted : NEXT_NODE_ID.getAndIncrement();
  }

  Path home() {
    return home;
  }

  Path logDir() {
    return logDir;
  }

  int nodeId() {
    return nodeId;
  }

  void formatIfNeeded() {
    if (Files.exists(metaProperties())) {
      return;
    }
    try {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(nodeId)
          .setClusterId(Uuid.randomUuid().toString())
          .setControllerListenerName(KafkaConfigs.CONTROLLER_LISTENER)
          .setMetadataLogDirectory(logDir.toString())
          .addDirectory(logDir.toString())
          .setHasDynamicQuorum(false)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka storage in " + logDir, e);
    }
  }

  private Path metaProperties() {
    return logDir.resolve("meta.properties");
  }

  private Integer formattedNodeId() {
    if (!Files.exists(metaProperties())) {
      return null;
    }
    Properties meta = new Properties();
    try (InputStream in = Files.newInputStream(metaProperties())) {
      meta.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + metaProperties(), e);
    }
    return Integer.valueOf(meta.getProperty("node.id"));
  }
}
