package dev.sluice.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;

/**
 * A Kafka broker in this JVM: one KRaft node acting as broker and controller, every replication
 * factor 1, listening on 127.0.0.1 only. Its data lives under {@code kafka-logs/} in its directory.
 *
 * <p>Kafka logs through the slf4j binding of the JVM; its loggers are lowered to WARN unless
 * configured otherwise (see {@link KafkaLogging}).
 */
public final class KafkaBroker implements AutoCloseable {

  static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private static KafkaBroker shared;
  private static KafkaBroker sharedSecured;

  private final KafkaStorage storage;
  private final int port;
  private final int controllerPort;
  private final boolean temporary; // true only for shared() and sharedSecured()
  private final Optional<KafkaSecurity> security;
  private final Map<KafkaSecurity.Listener, Integer> securedPorts;
  private volatile KafkaRaftServer server;
  private volatile Admin admin;
  private boolean closed;

  private KafkaBroker(KafkaStorage storage, int port, boolean temporary) {
    this(storage, port, temporary, Optional.empty());
  }

  private KafkaBroker(
      KafkaStorage storage, int port, boolean temporary, Optional<KafkaSecurity> security) {
    this.storage = storage;
    this.port = port;
    // The controller's own listener; nobody outside this broker connects to it.
    this.controllerPort = FreePort.find();
    this.temporary = temporary;
    this.security = security;
    Map<KafkaSecurity.Listener, Integer> ports = new EnumMap<>(KafkaSecurity.Listener.class);
    if (security.isPresent()) {
      for (KafkaSecurity.Listener listener : KafkaSecurity.Listener.values()) {
        ports.put(listener, FreePort.find());
      }
    }
    this.securedPorts = Collections.unmodifiableMap(ports);
    Runtime.getRuntime().addShutdownHook(new Thread(this::onJvmExit, "sluice-kafka-stop"));
  }

  /** One broker per JVM on a free port in a temporary directory, stopped at JVM exit. */
  public static synchronized KafkaBroker shared() {
    if (shared == null) {
      Path home = ServerFiles.tempDirectory("sluice-kafka-");
      KafkaBroker broker = new KafkaBroker(new KafkaStorage(home), FreePort.find(), true);
      broker.launch();
      shared = broker;
    }
    return shared;
  }

  /**
   * A second broker per JVM, for security tests: besides PLAINTEXT it listens with SSL (client
   * certificates required), SASL_PLAINTEXT and SASL_SSL (PLAIN and SCRAM users), with certificates
   * and passwords generated for this run (see {@link #security()}).
   */
  public static synchronized KafkaBroker sharedSecured() {
    if (sharedSecured == null) {
      Path home = ServerFiles.tempDirectory("sluice-kafka-secured-");
      KafkaSecurity security = KafkaSecurity.generate(home.resolve("tls"));
      KafkaBroker broker =
          new KafkaBroker(new KafkaStorage(home), FreePort.find(), true, Optional.of(security));
      try {
        broker.launch();
      } catch (RuntimeException e) {
        broker.stop();
        throw e;
      }
      sharedSecured = broker;
    }
    return sharedSecured;
  }

  /** The certificates and users of a broker from {@link #sharedSecured()}. */
  public KafkaSecurity security() {
    return security.orElseThrow(() -> new IllegalStateException("not a secured broker: " + this));
  }

  /** The bootstrap address of one of the secured listeners. */
  public String bootstrapServers(KafkaSecurity.Listener listener) {
    Integer listenerPort = securedPorts.get(listener);
    if (listenerPort == null) {
      throw new IllegalStateException("no " + listener + " listener on " + this);
    }
    return "127.0.0.1:" + listenerPort;
  }

  /** A broker whose topics live in {@code dataDir} and survive restarts; port 0 picks one. */
  public static KafkaBroker start(Path dataDir, int port) {
    ServerFiles.createDirectories(dataDir);
    KafkaBroker broker =
        new KafkaBroker(new KafkaStorage(dataDir), port == 0 ? FreePort.find() : port, false);
    broker.launch();
    return broker;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The directory holding {@code kafka-logs/}. */
  public Path directory() {
    return storage.home();
  }

  public boolean isRunning() {
    return server != null;
  }

  /**
   * Creates the topic with replication factor 1 and waits until every partition has a leader. An
   * existing topic of that name is left as it is.
   */
  public synchronized void createTopic(String topic, int partitions) {
    Admin admin = admin();
    try {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topic " + topic, e.getCause());
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("creating topic " + topic + " timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + topic, e);
    }
    // An existing topic keeps its partitions, however many were asked for.
    awaitLeaders(admin, topic, 1);
  }

  /**
   * Grows {@code topic} to {@code partitions} partitions and waits until every partition has a
   * leader that answers, so an idempotent producer can write to the new ones at once.
   */
  public synchronized void addPartitions(String topic, int partitions) {
    Admin admin = admin();
    try {
      admin
          .createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions)))
          .all()
          .get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot add partitions to topic " + topic, e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("adding partitions to topic " + topic + " timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while adding partitions to " + topic, e);
    }
    awaitLeaders(admin, topic, partitions);
  }

  /**
   * Creates {@code topic} (as {@link #createTopic}) and writes {@code values} to it over the
   * plaintext listener: value i to partition i % partitions, each acknowledged before the next is
   * sent, so offsets follow the list. A null value is a record without a value.
   */
  public void produce(String topic, int partitions, List<byte[]> values) {
    createTopic(topic, partitions);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      for (int i = 0; i < values.size(); i++) {
        producer
            .send(new ProducerRecord<>(topic, i % partitions, null, values.get(i)))
            .get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot write to topic " + topic, e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("writing to topic " + topic + " timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing to topic " + topic, e);
    }
  }

  /** Shuts the broker down; its data stays for {@link #restart()}. */
  public synchronized void stop() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
      admin = null;
    }
    KafkaRaftServer running = server;
    if (running != null) {
      server = null;
      running.shutdown();
      running.awaitShutdown();
    }
  }

  /** Starts the broker again on the same port with the same data. */
  public synchronized void restart() {
    if (closed) {
      throw new IllegalStateException("closed: " + this);
    }
    stop();
    launch();
  }

  /**
   * Stops the broker for good, keeping its data. Does nothing on the shared broker: other tests in
   * the JVM still use it, and the shutdown hook stops it.
   */
  @Override
  public synchronized void close() {
    if (!temporary) {
      stop();
      closed = true;
    }
  }

  private synchronized void launch() {
    KafkaLogging.quiet();
    FreePort.requireFree(port, "Kafka");
    KafkaConfig config =
        security.isPresent()
            ? KafkaConfigs.secured(storage, port, controllerPort, security.get(), securedPorts)
            : KafkaConfigs.broker(storage, port, controllerPort);
    storage.formatIfNeeded();
    KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
    // startup() blocks until the broker is unfenced, with no bound of ours: run it aside.
    CompletableFuture<Void> startup =
        CompletableFuture.runAsync(
            starting::startup,
            task -> {
              Thread thread = new Thread(task, "sluice-kafka-startup");
              thread.setDaemon(true);
              thread.start();
            });
    try {
      startup.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      shutdownQuietly(starting);
      throw startFailure("failed", e.getCause());
    } catch (TimeoutException e) {
      shutdownQuietly(starting);
      throw startFailure("did not start within " + STARTUP_TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      shutdownQuietly(starting);
      throw startFailure("was interrupted while starting", e);
    }
    server = starting;
    if (security.isPresent()) {
      addScramUser(security.get());
    }
  }

  /** SCRAM credentials live in the cluster metadata: set them, then wait until they are seen. */
  private void addScramUser(KafkaSecurity users) {
    Admin admin = admin();
    try {
      // One request per mechanism: Kafka refuses two changes of one user in one request.
      for (ScramMechanism mechanism :
          List.of(ScramMechanism.SCRAM_SHA_256, ScramMechanism.SCRAM_SHA_512)) {
        admin
            .alterUserScramCredentials(
                List.of(
                    new UserScramCredentialUpsertion(
                        users.scramUser(),
                        new ScramCredentialInfo(mechanism, 4096),
                        users.scramPassword())))
            .all()
            .get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
      long deadline = System.nanoTime() + REQUEST_TIMEOUT.toNanos();
      while (admin
              .describeUserScramCredentials(List.of(users.scramUser()))
              .all()
              .get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .get(users.scramUser())
              .credentialInfos()
              .size()
          < 2) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("SCRAM credentials did not appear on " + this);
        }
        Thread.sleep(50);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot set SCRAM credentials on " + this, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while setting SCRAM credentials", e);
    }
  }

  private IllegalStateException startFailure(String what, Throwable cause) {
    return new IllegalStateException(
        "Kafka broker on " + bootstrapServers() + " in " + storage.home() + " " + what, cause);
  }

  private static void shutdownQuietly(KafkaRaftServer server) {
    try {
      server.shutdown();
    } catch (RuntimeException ignored) {
      // Already failing; the original error is what matters.
    }
  }

  private Admin admin() {
    if (server == null) {
      throw new IllegalStateException("broker is stopped: " + this);
    }
    if (admin == null) {
      admin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrapServers(),
                  AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                  (int) REQUEST_TIMEOUT.toMillis()));
    }
    return admin;
  }

  /** Waits until the topic has at least {@code partitions} partitions, each with a leader. */
  private static void awaitLeaders(Admin admin, String topic, int partitions) {
    long deadline = System.nanoTime() + REQUEST_TIMEOUT.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        TopicDescription description =
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        if (description.partitions().size() >= partitions
            && description.partitions().stream().allMatch(p -> p.leader() != null)) {
          // The metadata can name a leader before its replica manager acts as one; a producer
          // arriving then gets NOT_LEADER_OR_FOLLOWER, and an idempotent one may go on to fail
          // with OUT_OF_ORDER_SEQUENCE_NUMBER. Listing offsets is answered only by the leader.
          Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
          description
              .partitions()
              .forEach(
                  p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
          admin.listOffsets(latest).all().get();
          return;
        }
      } catch (ExecutionException e) {
        // Not yet in the broker's metadata cache.
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
      }
    }
    throw new IllegalStateException("partitions of topic " + topic + " have no leader", last);
  }

  private void onJvmExit() {
    Admin open = admin;
    if (open != null) {
      // Closed first, or it warns about the vanishing broker while it shuts down.
      open.close(Duration.ZERO);
    }
    KafkaRaftServer running = server;
    if (running != null) {
      shutdownQuietly(running);
    }
    if (temporary) {
      ServerFiles.deleteQuietly(storage.home());
    }
  }

  @Override
  public String toString() {
    return "KafkaBroker[" + bootstrapServers() + ", " + storage.home() + "]";
  }
}
