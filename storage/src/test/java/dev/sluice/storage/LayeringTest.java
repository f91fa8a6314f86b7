package dev.sluice.storage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The storage library stays plain Java: the worker, control plane and CLI all use it, and none of
 * them should inherit a framework, an RPC stack, a Kafka client or Hadoop through it.
 *
 * <p>The rule is checked from a Jupiter test rather than an {@code @ArchTest} field: the ArchUnit
 * 1.3 JUnit engine finds no tests on JUnit Platform 6, so such a field would silently never run.
 */
class LayeringTest {

  private static final ArchRule NO_FRAMEWORKS =
      noClasses()
          .that()
          .resideInAPackage("dev.sluice.storage..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.quarkus..",
              "io.grpc..",
              "org.apache.kafka..",
              "io.vertx..",
              "org.apache.hadoop..");

  @Test
  void storageDependsOnNoFrameworkRpcKafkaOrHadoop() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sluice.storage");
    assertThat(classes.size()).as("production classes imported").isGreaterThan(20);
    NO_FRAMEWORKS.check(classes);
  }

  @Test
  void theRuleCatchesAForbiddenDependency() {
    JavaClasses offender = new ClassFileImporter().importClasses(UsesKafka.class);
    assertThatThrownBy(() -> NO_FRAMEWORKS.check(offender))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("depend on classes that reside in any package")
        .hasMessageContaining("org.apache.kafka.common.TopicPartition");
  }

  /** Writing tablets works with no Hadoop jar around, which the tablet tests prove by running. */
  @Test
  void hadoopIsNotOnTheClassPath() {
    assertThatThrownBy(() -> Class.forName("org.apache.hadoop.conf.Configuration"))
        .isInstanceOf(ClassNotFoundException.class)
        .hasMessage("org.apache.hadoop.conf.Configuration");
  }

  /** A test-only offender; Kafka is on the test class path through sluice-testing. */
  static final class UsesKafka {
    org.apache.kafka.common.TopicPartition partition() {
      return new org.apache.kafka.common.TopicPartition("t", 0);
    }
  }
}
