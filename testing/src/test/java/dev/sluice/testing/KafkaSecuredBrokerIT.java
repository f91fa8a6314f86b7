package dev.sluice.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.Test;

class KafkaSecuredBrokerIT {
  private final KafkaBroker kafka = KafkaBroker.sharedSecured();
  private final KafkaSecurity security = kafka.security();

  @Test
  void sslListenerAcceptsTheGeneratedClientCertificate() throws Exception {
    String topic = newTopic();
    Map<String, Object> config = ssl(KafkaSecurity.Listener.SSL);
    config.put("ssl.keystore.type", "PEM");
    config.put("ssl.keystore.certificate.chain", security.tls().clientCertificate());
    config.put("ssl.keystore.key", security.tls().clientKey());

    assertThat(topicsSeenWith(config)).contains(topic);
  }

  @Test
  void sslListenerRejectsAClientWithoutCertificate() {
    assertThatThrownBy(() -> topicsSeenWith(ssl(KafkaSecurity.Listener.SSL)))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(SslAuthenticationException.class)
        .hasMessageContaining("SslAuthenticationException");
  }

  @Test
  void saslListenersAcceptPlainAndScramUsers() throws Exception {
    String topic = newTopic();
    Map<String, Object> plain = new HashMap<>();
    plain.put(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        kafka.bootstrapServers(KafkaSecurity.Listener.SASL_PLAINTEXT));
    plain.put("security.protocol", "SASL_PLAINTEXT");
    sasl(plain, "PLAIN", security.plainUser(), security.plainPassword());
    assertThat(topicsSeenWith(plain)).contains(topic);

    for (String mechanism : List.of("SCRAM-SHA-256", "SCRAM-SHA-512")) {
      Map<String, Object> scram = ssl(KafkaSecurity.Listener.SASL_SSL);
      scram.put("security.protocol", "SASL_SSL");
      sasl(scram, mechanism, security.scramUser(), security.scramPassword());
      assertThat(topicsSeenWith(scram)).contains(topic);
    }
  }

  @Test
  void saslListenerRejectsAWrongPassword() {
    Map<String, Object> wrong = new HashMap<>();
    wrong.put(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        kafka.bootstrapServers(KafkaSecurity.Listener.SASL_PLAINTEXT));
    wrong.put("security.protocol", "SASL_PLAINTEXT");
    sasl(wrong, "SCRAM-SHA-256", security.scramUser(), "wrong");

    assertThatThrownBy(() -> topicsSeenWith(wrong))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(SaslAuthenticationException.class)
        .hasMessageContaining("Authentication failed");
  }

  private String newTopic() {
    String topic = "secured-" + UUID.randomUUID();
    kafka.createTopic(topic, 1);
    return topic;
  }

  private Map<String, Object> ssl(KafkaSecurity.Listener listener) {
    Map<String, Object> config = new HashMap<>();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(listener));
    config.put("security.protocol", "SSL");
    config.put("ssl.truststore.type", "PEM");
    config.put("ssl.truststore.certificates", security.tls().caCertificate());
    return config;
  }

  private static void sasl(
      Map<String, Object> config, String mechanism, String user, String password) {
    String module =
        mechanism.equals("PLAIN")
            ? "org.apache.kafka.common.security.plain.PlainLoginModule"
            : "org.apache.kafka.common.security.scram.ScramLoginModule";
    config.put("sasl.mechanism", mechanism);
    config.put(
        "sasl.jaas.config",
        module + " required username=\"" + user + "\" password=\"" + password + "\";");
  }

  private static java.util.Set<String> topicsSeenWith(Map<String, Object> config)
      throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    try (Admin admin = Admin.create(config)) {
      return admin.listTopics().names().get(20, TimeUnit.SECONDS);
    }
  }
}
