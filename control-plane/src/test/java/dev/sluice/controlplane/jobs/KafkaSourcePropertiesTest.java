package dev.sluice.controlplane.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.controlplane.error.SluiceException;
import dev.sluice.controlplane.jobs.KafkaSourceProperties.StartOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSourcePropertiesTest {

  @Test
  void parsesTheSeedsCsvExample() {
    KafkaSourceProperties source =
        KafkaSourceProperties.parseForCreate(
            ordered(
                // The seed writes placeholders where a user puts the brokers' addresses.
                "kafka_broker_list", "kafka1:9092, kafka2:9092",
                "kafka_topic", "ordertest1",
                "kafka_partitions", "0,1,2,3,4",
                "property.kafka_default_offsets", "OFFSET_BEGINNING"));
    assertThat(source.brokerList()).isEqualTo("kafka1:9092,kafka2:9092");
    assertThat(source.topic()).isEqualTo("ordertest1");
    assertThat(source.partitions()).containsExactly(0, 1, 2, 3, 4);
    assertThat(source.defaultOffset()).isEqualTo(StartOffset.BEGINNING);
    assertThat(source.startOffsetOf(3)).isEqualTo(StartOffset.BEGINNING);
    assertThat(source.customProperties())
        .containsExactly(Map.entry("kafka_default_offsets", "OFFSET_BEGINNING"));
    assertThat(source.consumerProperties()).isEmpty();
  }

  @Test
  void explicitOffsetsPerPartition() {
    KafkaSourceProperties source =
        KafkaSourceProperties.parseForCreate(
            ordered(
                "kafka_broker_list", "127.0.0.1:9092",
                "kafka_topic", "t",
                "kafka_partitions", "0,1,2,3,4",
                "kafka_offsets", "OFFSET_BEGINNING, OFFSET_END, 1000, 2000, 3000",
                "property.security.protocol", "PLAINTEXT"));
    assertThat(source.startOffsetOf(0)).isEqualTo(StartOffset.BEGINNING);
    assertThat(source.startOffsetOf(1)).isEqualTo(StartOffset.END);
    assertThat(source.startOffsetOf(4)).isEqualTo(new StartOffset(StartOffset.Kind.EXACT, 3000));
    assertThat(source.consumerProperties())
        .containsExactly(Map.entry("security.protocol", "PLAINTEXT"));
  }

  @Test
  void withoutOffsetsThePartitionsStartAtTheEnd() {
    KafkaSourceProperties source =
        KafkaSourceProperties.parseForCreate(
            ordered("kafka_broker_list", "b:1", "kafka_topic", "t"));
    assertThat(source.partitions()).isEmpty();
    assertThat(source.startOffsetOf(7)).isEqualTo(StartOffset.END);
  }

  @Test
  void alterChangesPartitionsAndOffsetsButNotTheTopic() {
    KafkaSourceProperties source =
        KafkaSourceProperties.parseForCreate(
            ordered("kafka_broker_list", "b:1", "kafka_topic", "t", "kafka_partitions", "0,1"));
    KafkaSourceProperties altered =
        source.alter(
            ordered(
                "kafka_partitions", "0,1,2,3,4,5,6,7",
                "kafka_offsets",
                    "OFFSET_BEGINNING,OFFSET_BEGINNING,OFFSET_BEGINNING,OFFSET_BEGINNING,OFFSET_END,OFFSET_END,OFFSET_END,OFFSET_END"));
    assertThat(altered.partitions()).hasSize(8);
    assertThat(altered.startOffsetOf(5)).isEqualTo(StartOffset.END);
    assertThat(altered.topic()).isEqualTo("t");
    assertThatThrownBy(() -> source.alter(ordered("kafka_topic", "other")))
        .isInstanceOf(SluiceException.class)
        .hasMessage("kafka_topic cannot be altered; create a new job instead");
  }

  @Test
  void rejectsBadClauses() {
    assertInvalid(ordered("kafka_topic", "t"), "FROM KAFKA needs \"kafka_broker_list\"");
    assertInvalid(ordered("kafka_broker_list", "b:1"), "FROM KAFKA needs \"kafka_topic\"");
    assertInvalid(
        ordered("kafka_broker_list", "b:1", "kafka_topic", "t", "kafka_partitions", "0,x"),
        "kafka_partitions: 'x' is not a partition number");
    assertInvalid(
        ordered("kafka_broker_list", "b:1", "kafka_topic", "t", "kafka_partitions", "0,0"),
        "kafka_partitions: partition 0 is listed twice");
    assertInvalid(
        ordered(
            "kafka_broker_list",
            "b:1",
            "kafka_topic",
            "t",
            "kafka_partitions",
            "0,1",
            "kafka_offsets",
            "5"),
        "kafka_offsets has 1 entries but kafka_partitions has 2");
    assertInvalid(
        ordered("kafka_broker_list", "b:1", "kafka_topic", "t", "kafka_offsets", "5"),
        "kafka_offsets needs kafka_partitions");
    assertInvalid(
        ordered(
            "kafka_broker_list",
            "b:1",
            "kafka_topic",
            "t",
            "kafka_partitions",
            "0",
            "kafka_offsets",
            "OFFSET_LATEST"),
        "kafka_offsets: 'OFFSET_LATEST' is not OFFSET_BEGINNING, OFFSET_END or an offset number");
    assertInvalid(
        ordered("kafka_broker_list", "b:1", "kafka_topic", "t", "kafka_partitons", "0"),
        "Unknown FROM KAFKA property 'kafka_partitons'");
  }

  @Test
  void brokerListsAreCheckedEntryByEntry() {
    assertThat(KafkaSourceProperties.parseBrokerList("a:1,b.example.com:9092, 10.1.2.3:65535"))
        .isEqualTo("a:1,b.example.com:9092,10.1.2.3:65535");
    assertThat(KafkaSourceProperties.parseBrokerList("[fe80::1%eth0]:9092,[::1]:1"))
        .isEqualTo("[fe80::1%eth0]:9092,[::1]:1");
    assertThatThrownBy(() -> KafkaSourceProperties.parseBrokerList("a:1,b:65536"))
        .isInstanceOf(SluiceException.class)
        .hasMessage(
            "kafka_broker_list: 'b:65536' has port 65536; a port is a number from 1 to 65535");
    assertThatThrownBy(() -> KafkaSourceProperties.parseBrokerList("::1:9092"))
        .isInstanceOf(SluiceException.class)
        .hasMessage("kafka_broker_list: write the IPv6 address '::1' in brackets, e.g. [::1]:9092");
    assertThatThrownBy(() -> KafkaSourceProperties.parseBrokerList("[zz::1]:9092"))
        .isInstanceOf(SluiceException.class)
        .hasMessage("kafka_broker_list: '[zz::1]' is not an IPv6 address");
    assertThatThrownBy(() -> KafkaSourceProperties.parseBrokerList("bad..host:9092"))
        .isInstanceOf(SluiceException.class)
        .hasMessage("kafka_broker_list: 'bad..host' is not a host name or address");
    assertThatThrownBy(() -> KafkaSourceProperties.parseBrokerList(" , "))
        .isInstanceOf(SluiceException.class)
        .hasMessage("kafka_broker_list has an empty entry: ','");
  }

  @Test
  void anAddedPartitionStartsAtTheBeginningUnlessKafkaDefaultOffsetsIsGiven() {
    assertThat(
            KafkaSourceProperties.parseForCreate(
                    ordered("kafka_broker_list", "b:1", "kafka_topic", "t"))
                .startOffsetOfAddedPartition())
        .isEqualTo(StartOffset.BEGINNING);
    assertThat(
            KafkaSourceProperties.parseForCreate(
                    ordered(
                        "kafka_broker_list",
                        "b:1",
                        "kafka_topic",
                        "t",
                        "property.kafka_default_offsets",
                        "OFFSET_END"))
                .startOffsetOfAddedPartition())
        .isEqualTo(StartOffset.END);
  }

  private static void assertInvalid(Map<String, String> given, String message) {
    assertThatThrownBy(() -> KafkaSourceProperties.parseForCreate(given))
        .isInstanceOf(SluiceException.class)
        .hasMessageContaining(message);
  }

  private static Map<String, String> ordered(String... keyValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  @Test
  void partitionsKeepTheirGivenOrder() {
    assertThat(
            KafkaSourceProperties.parseForCreate(
                    ordered(
                        "kafka_broker_list",
                        "b:1",
                        "kafka_topic",
                        "t",
                        "kafka_partitions",
                        "3,1,2"))
                .partitions())
        .isEqualTo(List.of(3, 1, 2));
  }
}
