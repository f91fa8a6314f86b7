package dev.sluice.worker.nativeimage;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/**
 * The worker's own code (and the Sluice libraries it runs: storage, expr, sql) generates no classes
 * at run time and loads none by name, so the native image needs nothing registered for it: no
 * bytecode libraries, no dynamic proxies, no {@code defineClass}, no {@code Class.forName}. What
 * the libraries under it load is traced by {@code NativeRegistrationsIT}. Checked from a plain test
 * (decision 0004).
 */
class NoRuntimeClassGenerationTest {

  private static final ArchRule NO_CLASS_GENERATION =
      noClasses()
          .should()
          .dependOnClassesThat(
              resideInAnyPackage(
                      "net.bytebuddy..",
                      "net.sf.cglib..",
                      "org.springframework.cglib..",
                      "javassist..",
                      "org.objectweb.asm..")
                  .or(type(Proxy.class)))
          .orShould()
          .callMethodWhere(
              target(
                  describe(
                      "defineClass, defineHiddenClass or Class.forName",
                      (AccessTarget method) ->
                          method.getName().equals("defineClass")
                              || method.getName().equals("defineHiddenClass")
                              || (method.getOwner().isEquivalentTo(Class.class)
                                  && method.getName().equals("forName")))));

  @Test
  void sluiceCodeOnTheWorkerPathGeneratesAndLoadsNoClasses() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(
                "dev.sluice.worker", "dev.sluice.storage", "dev.sluice.expr", "dev.sluice.sql");
    assertThat(classes.size()).as("production classes imported").isGreaterThan(100);
    NO_CLASS_GENERATION.check(classes);
  }

  @Test
  void theRuleCatchesAProxy() {
    JavaClasses offender = new ClassFileImporter().importClasses(MakesAProxy.class);
    assertThatThrownBy(() -> NO_CLASS_GENERATION.check(offender))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("java.lang.reflect.Proxy");
  }

  @Test
  void theRuleCatchesALoadByName() {
    JavaClasses offender = new ClassFileImporter().importClasses(LoadsByName.class);
    assertThatThrownBy(() -> NO_CLASS_GENERATION.check(offender))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("java.lang.Class.forName(java.lang.String)");
  }

  /** Test-only offenders. */
  static final class MakesAProxy {
    Runnable proxy() {
      return (Runnable)
          Proxy.newProxyInstance(
              getClass().getClassLoader(), new Class<?>[] {Runnable.class}, (p, m, a) -> null);
    }
  }

  static final class LoadsByName {
    Class<?> load(String name) throws ClassNotFoundException {
      return Class.forName(name);
    }
  }
}
