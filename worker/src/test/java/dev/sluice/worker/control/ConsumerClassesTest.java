package dev.sluice.worker.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.lease.KafkaSource;
import dev.sluice.api.lease.Lease;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The Kafka consumer instantiates the classes its settings name (partition assignors, metric
 * reporters, interceptors, ...) reflectively, even when the name is a default given as a class
 * literal, which a trace of loads by name does not see. Every class the worker's consumer settings
 * name must be registered for the native image.
 */
class ConsumerClassesTest {

  @Test
  void everyClassTheConsumerSettingsNameIsRegistered() {
    Set<String> named = classesNamedBy(LeaseRunner.consumerProperties(lease()));

    // Not vacuous: the default assignors are named by the settings.
    assertThat(named).contains("org.apache.kafka.clients.consumer.RangeAssignor");
    assertThat(registered()).containsAll(named);
  }

  private static Set<String> classesNamedBy(Map<String, Object> workerProperties) {
    Map<String, Object> properties = new HashMap<>(workerProperties);
    // The worker passes deserializer instances it creates itself: not looked up by name.
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    ConsumerConfig config = new ConsumerConfig(properties);
    Set<String> named = new TreeSet<>();
    for (Map.Entry<String, ConfigDef.ConfigKey> entry :
        ConsumerConfig.configDef().configKeys().entrySet()) {
      String name = entry.getKey();
      if (name.equals(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG)
          || name.equals(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG)) {
        continue;
      }
      Object value = config.values().get(name);
      if (entry.getValue().type == ConfigDef.Type.CLASS && value instanceof Class<?> type) {
        named.add(type.getName());
      } else if (entry.getValue().type == ConfigDef.Type.LIST && value instanceof List<?> list) {
        for (Object element : list) {
          if (element instanceof Class<?> type) {
            named.add(type.getName());
          } else if (element instanceof String text && isClass(text.trim())) {
            named.add(text.trim());
          }
        }
      }
    }
    return named;
  }

  private static boolean isClass(String name) {
    try {
      Class.forName(name, false, ConsumerClassesTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static Set<String> registered() {
    RegisterForReflection registrations =
        dev.sluice.worker.nativeimage.NativeRegistrations.class.getAnnotation(
            RegisterForReflection.class);
    Set<String> names = new TreeSet<>(List.of(registrations.classNames()));
    for (Class<?> target : registrations.targets()) {
      names.add(target.getName());
    }
    return names;
  }

  private static Lease lease() {
    return Lease.newBuilder()
        .setTaskId("task-1")
        .setJobName("orders_job")
        .setSource(KafkaSource.newBuilder().setTopic("orders").setBrokerList("127.0.0.1:9092"))
        .build();
  }
}
