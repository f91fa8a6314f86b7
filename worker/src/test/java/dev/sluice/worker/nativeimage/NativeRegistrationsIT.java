package dev.sluice.worker.nativeimage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.KafkaBroker;
import dev.sluice.testing.S3ProxyServer;
import dev.sluice.testing.SchemaRegistry;
import dev.sluice.worker.control.TracedTaskRounds;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native-image registrations cover what the worker's task path really loads by name: {@link
 * TracedTaskRounds} runs rounds of every format against a real broker, schema registry and S3 API
 * server in a fresh JVM under a flight recording, and every class of the class path it loaded by
 * name must be in {@link NativeRegistrations}. The run must also define no classes at run time.
 * What this cannot show (reflective field and method access, resources, the native build itself) is
 * in docs/decisions/0015.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class NativeRegistrationsIT {
  private static final int ROWS_PER_PARTITION = 500;
  private static final String AVRO_SCHEMA =
      """
      {"type": "record", "name": "order", "fields": [
        {"name": "id", "type": "long"},
        {"name": "name", "type": ["null", "string"], "default": null},
        {"name": "price", "type": "double"}
      ]}""";

  private static final String BUCKET = "native-trace";
  private static final String[] TOPICS = {"native-csv", "native-json", "native-avro"};

  @TempDir static Path directory;
  private static ChildRun run;

  @BeforeAll
  static void traceTheTaskPath() throws Exception {
    KafkaBroker broker = KafkaBroker.shared();
    S3ProxyServer s3 = S3ProxyServer.shared();
    SchemaRegistry registry = SchemaRegistry.shared();
    s3.createBucket(BUCKET);
    int schemaId = registry.register("native-avro-value", AVRO_SCHEMA);
    for (String topic : TOPICS) {
      broker.createTopic(topic, 2);
    }
    produce(broker, schemaId);

    Path recording = directory.resolve("task-path.jfr");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
    command.add("-Xmx512m");
    // Deep enough to reach the library frame under Kafka's and the AWS SDK's call chains.
    command.add("-XX:FlightRecorderOptions:stackdepth=256");
    command.add("-cp");
    command.add(productionClassPath());
    command.add(TracedTaskRounds.class.getName());
    command.addAll(
        List.of(
            recording.toString(),
            broker.bootstrapServers(),
            s3.endpoint(),
            s3.accessKey(),
            s3.secretKey(),
            BUCKET,
            registry.urlWithCredentials()));
    command.addAll(List.of(TOPICS));
    Path output = directory.resolve("child.log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!process.waitFor(150, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the traced rounds did not end in 150 s:\n" + read(output));
    }
    run = new ChildRun(process.exitValue(), read(output), recording);
  }

  @Test
  void theTracedRoundsLoadedEveryFormatThroughKafkaAndS3() {
    assertThat(run.exitCode()).as(run.output()).isZero();
    for (String format : List.of("csv", "json", "avro")) {
      assertThat(run.output())
          .as(run.output())
          .containsPattern("loaded " + format + " rows=" + 2 * ROWS_PER_PARTITION + " files=[1-9]");
    }
  }

  @Test
  void everyClassLoadedByNameIsRegistered() {
    ClassLoadTrace trace = trace();
    Set<String> registered = registered();

    Map<String, String> missing = new TreeMap<>(trace.loadedByName());
    missing.keySet().removeAll(registered);
    missing.keySet().removeIf(NativeRegistrationsIT::quarkusOwned);

    assertThat(missing)
        .as("classes loaded by name (class -> requester) missing from NativeRegistrations")
        .isEmpty();
  }

  /** The trace is not vacuous: it sees the loads by name the libraries are known to make. */
  @Test
  void theTraceSeesKnownLoadsByName() {
    assertThat(trace().loadedByName())
        // Arrow finds its allocation manager by name.
        .containsKey("org.apache.arrow.memory.netty.DefaultAllocationManagerFactory")
        // Kafka's consumer settings name default classes by name.
        .containsKey("org.apache.kafka.common.security.oauthbearer.DefaultJwtRetriever");
  }

  @Test
  void theTaskPathDefinesNoClassesAtRunTime() {
    assertThat(trace().generated()).isEmpty();
  }

  @Test
  void registrationsNameOnlyClassesThatExist() {
    for (String name : registered()) {
      assertThat(exists(name)).as(name).isTrue();
    }
  }

  /**
   * Logging is set up by Quarkus, which registers its own classes and the providers it installs
   * (jboss-logmanager, its slf4j and System.Logger bridges, the MDC provider).
   */
  private static boolean quarkusOwned(String className) {
    return className.startsWith("io.quarkus.")
        || className.startsWith("org.jboss.logmanager.")
        || className.startsWith("org.slf4j.impl.");
  }

  /**
   * The jars of the packaged worker (not the test class path, which holds the Kafka broker and
   * Scala), the worker's classes, and the test classes for {@link TracedTaskRounds}.
   */
  private static String productionClassPath() throws IOException {
    Path lib = Path.of("target", "quarkus-app", "lib");
    assertThat(lib).as("the packaged worker (quarkus-app); run through mvn verify").isDirectory();
    List<String> entries = new ArrayList<>();
    entries.add(Path.of("target", "test-classes").toAbsolutePath().toString());
    entries.add(Path.of("target", "classes").toAbsolutePath().toString());
    for (String part : List.of("boot", "main")) {
      try (var jars = Files.list(lib.resolve(part))) {
        jars.filter(jar -> jar.toString().endsWith(".jar"))
            .filter(jar -> !jar.getFileName().toString().startsWith("dev.sluice.sluice-worker-"))
            .sorted()
            .forEach(jar -> entries.add(jar.toAbsolutePath().toString()));
      }
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  static Set<String> registered() {
    RegisterForReflection registrations =
        NativeRegistrations.class.getAnnotation(RegisterForReflection.class);
    Set<String> names = new TreeSet<>(List.of(registrations.classNames()));
    for (Class<?> target : registrations.targets()) {
      names.add(target.getName());
    }
    return names;
  }

  private static ClassLoadTrace trace() {
    assertThat(run.exitCode()).as(run.output()).isZero();
    return ClassLoadTrace.read(run.recording());
  }

  private static boolean exists(String name) {
    try {
      Class.forName(name, false, NativeRegistrationsIT.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static void produce(KafkaBroker broker, int schemaId) throws IOException {
    Schema schema = new Schema.Parser().parse(AVRO_SCHEMA);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", broker.bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      for (int partition = 0; partition < 2; partition++) {
        for (int i = 0; i < ROWS_PER_PARTITION; i++) {
          long id = partition * 1_000_000L + i;
          send(producer, TOPICS[0], partition, id + ",name-" + i + "," + i * 1.5);
          send(
              producer,
              TOPICS[1],
              partition,
              "{\"id\":" + id + ",\"name\":\"name-" + i + "\",\"price\":" + i * 1.5 + "}");
          GenericRecord order = new GenericData.Record(schema);
          order.put("id", id);
          order.put("name", "name-" + i);
          order.put("price", i * 1.5);
          producer.send(new ProducerRecord<>(TOPICS[2], partition, null, avro(schemaId, order)));
        }
      }
      producer.flush();
    }
  }

  private static void send(
      KafkaProducer<byte[], byte[]> producer, String topic, int partition, String value) {
    producer.send(
        new ProducerRecord<>(topic, partition, null, value.getBytes(StandardCharsets.UTF_8)));
  }

  /** The Confluent wire format: magic byte 0, big-endian schema id, Avro binary. */
  private static byte[] avro(int schemaId, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }

  private record ChildRun(int exitCode, String output, Path recording) {}
}
