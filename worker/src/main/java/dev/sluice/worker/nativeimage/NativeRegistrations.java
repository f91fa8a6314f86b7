package dev.sluice.worker.nativeimage;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Classes the worker's libraries load by name at run time, which a native image must know of at
 * build time. Quarkus registers what its extensions use (gRPC and protobuf messages, Kafka's
 * serializers, logging); this is what the task path needs on top of that. {@code
 * NativeRegistrationsIT} traces a real load and fails on a class loaded by name that is not here;
 * {@code ConsumerClassesTest} does the same for the classes the Kafka consumer's settings name.
 * Decision 0015 says what these checks cannot see.
 */
@RegisterForReflection(
    classNames = {
      // Arrow finds its allocation manager by name (arrow-memory-netty).
      "org.apache.arrow.memory.netty.DefaultAllocationManagerFactory",
      // Kafka consumer: partition assignors and reporters instantiated from the settings, and the
      // OAuth defaults its settings name.
      "org.apache.kafka.clients.consumer.RangeAssignor",
      "org.apache.kafka.clients.consumer.CooperativeStickyAssignor",
      "org.apache.kafka.common.metrics.JmxReporter",
      "org.apache.kafka.common.security.oauthbearer.DefaultJwtRetriever",
      "org.apache.kafka.common.security.oauthbearer.DefaultJwtValidator",
      // Protobuf's full extension registry, in protobuf-java and in Kafka's shaded copy.
      "com.google.protobuf.Extension",
      "com.google.protobuf.ExtensionRegistry",
      "com.google.protobuf.GeneratedMessage$GeneratedExtension",
      "org.apache.kafka.shaded.com.google.protobuf.Extension",
      "org.apache.kafka.shaded.com.google.protobuf.ExtensionRegistry",
      "org.apache.kafka.shaded.com.google.protobuf.GeneratedMessage$GeneratedExtension",
      // Parquet's bit packers, looked up by a name built at run time.
      "org.apache.parquet.column.values.bitpacking.ByteBitPackingBE",
      "org.apache.parquet.column.values.bitpacking.ByteBitPackingLE",
      "org.apache.parquet.column.values.bitpacking.ByteBitPackingForLongBE",
      "org.apache.parquet.column.values.bitpacking.ByteBitPackingForLongLE",
      "org.apache.parquet.column.values.bitpacking.BytePackerFactory",
      "org.apache.parquet.column.values.bitpacking.BytePackerForLongFactory",
      "org.apache.parquet.column.values.bitpacking.IntPackerFactory",
      "org.apache.parquet.column.values.bitpacking.LemireBitPackingBE",
      "org.apache.parquet.column.values.bitpacking.LemireBitPackingLE",
      // Jackson's optional Java 7 support, in jackson-databind and in Parquet's shaded copy.
      "com.fasterxml.jackson.databind.ext.Java7SupportImpl",
      "shaded.parquet.com.fasterxml.jackson.databind.ext.Java7SupportImpl",
    })
public final class NativeRegistrations {
  private NativeRegistrations() {}
}
