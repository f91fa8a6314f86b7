package dev.sluice.testing;

import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;

/** The configuration of a single-node test broker. */
final class KafkaConfigs {

  static final String CONTROLLER_LISTENER = "CONTROLLER";

  private KafkaConfigs() {}

  static KafkaConfig broker(KafkaStorage storage, int port, int controllerPort) {
    return KafkaConfig.fromProps(properties(storage, port, controllerPort), false);
  }

  /**
   * A broker with an SSL listener (client certificates required), a SASL_PLAINTEXT and a SASL_SSL
   * listener (PLAIN and SCRAM) besides its PLAINTEXT one, on the given ports.
   */
  static KafkaConfig secured(
      KafkaStorage storage,
      int port,
      int controllerPort,
      KafkaSecurity security,
      Map<KafkaSecurity.Listener, Integer> ports) {
    Properties p = properties(storage, port, controllerPort);
    StringBuilder listeners = new StringBuilder("PLAINTEXT://127.0.0.1:" + port);
    StringBuilder protocols = new StringBuilder("PLAINTEXT:PLAINTEXT");
    for (Map.Entry<KafkaSecurity.Listener, Integer> listener : ports.entrySet()) {
      String name = listener.getKey().name();
      listeners.append(',').append(name).append("://127.0.0.1:").append(listener.getValue());
      protocols.append(',').append(name).append(':').append(name);
    }
    p.setProperty("advertised.listeners", listeners.toString());
    p.setProperty(
        "listeners", listeners + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
    p.setProperty(
        "listener.security.protocol.map", protocols + "," + CONTROLLER_LISTENER + ":PLAINTEXT");

    KafkaTls tls = security.tls();
    p.setProperty("ssl.keystore.type", "PEM");
    p.setProperty("ssl.keystore.certificate.chain", tls.serverCertificateChain());
    p.setProperty("ssl.keystore.key", tls.serverKey());
    p.setProperty("ssl.truststore.type", "PEM");
    p.setProperty("ssl.truststore.certificates", tls.caCertificate());
    p.setProperty("listener.name.ssl.ssl.client.auth", "required");

    p.setProperty("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512");
    String plain =
        "org.apache.kafka.common.security.plain.PlainLoginModule required user_"
            + security.plainUser()
            + "=\""
            + security.plainPassword()
            + "\";";
    String scram = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
    for (String listener : new String[] {"sasl_plaintext", "sasl_ssl"}) {
      p.setProperty("listener.name." + listener + ".plain.sasl.jaas.config", plain);
      p.setProperty("listener.name." + listener + ".scram-sha-256.sasl.jaas.config", scram);
      p.setProperty("listener.name." + listener + ".scram-sha-512.sasl.jaas.config", scram);
    }
    return KafkaConfig.fromProps(p, false);
  }

  private static Properties properties(KafkaStorage storage, int port, int controllerPort) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", Integer.toString(storage.nodeId()));
    p.setProperty("controller.quorum.voters", storage.nodeId() + "@127.0.0.1:" + controllerPort);
    p.setProperty(
        "listeners",
        "PLAINTEXT://127.0.0.1:"
            + port
            + ","
            + CONTROLLER_LISTENER
            + "://127.0.0.1:"
            + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.setProperty("controller.listener.names", CONTROLLER_LISTENER);
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.setProperty("log.dirs", storage.logDir().toString());

    // One node: every internal topic must fit a single replica.
    p.setProperty("default.replication.factor", "1");
    p.setProperty("min.insync.replicas", "1");
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");

    // Tests create their topics explicitly and want consumer groups to form at once.
    p.setProperty("num.partitions", "1");
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("group.initial.rebalance.delay.ms", "0");

    // Fewer internal partitions and threads, and a small cleaner buffer (128 MiB by default):
    // the broker shares a test JVM and two cores.
    p.setProperty("offsets.topic.num.partitions", "5");
    p.setProperty("transaction.state.log.num.partitions", "5");
    p.setProperty("share.coordinator.state.topic.num.partitions", "1");
    p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
    p.setProperty("num.network.threads", "2");
    p.setProperty("num.io.threads", "4");
    p.setProperty("background.threads", "2");
    p.setProperty("num.recovery.threads.per.data.dir", "1");
    return p;
  }
}
