package dev.sluice.deploy;

import static dev.sluice.deploy.Repository.at;
import static dev.sluice.deploy.Repository.list;
import static dev.sluice.deploy.Repository.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every environment variable the deploy files set is one the service reads, so a renamed or removed
 * setting fails the build instead of being silently ignored in production.
 */
class ConfigDriftTest {
  private static final ServiceConfig CONTROL_PLANE = ServiceConfig.of("control-plane");
  private static final ServiceConfig WORKER = ServiceConfig.of("worker");

  private static ServiceConfig serviceOf(String name) {
    if (name.contains("control-plane")) {
      return CONTROL_PLANE;
    }
    if (name.contains("worker")) {
      return WORKER;
    }
    throw new AssertionError("not a Sluice service: " + name);
  }

  private static void assertKnown(ServiceConfig service, String where, Iterable<String> names) {
    for (String name : names) {
      assertThat(service.knowsEnvironmentVariable(name))
          .as("%s sets %s, which %s does not read", where, name, service)
          .isTrue();
    }
  }

  @Test
  void theCheckerKnowsEachServicesOwnSettingsAndNothingElse() {
    assertThat(CONTROL_PLANE.knowsEnvironmentVariable("SLUICE_DB_URL")).isTrue();
    assertThat(CONTROL_PLANE.knowsEnvironmentVariable("QUARKUS_HTTP_HOST")).isTrue();
    assertThat(CONTROL_PLANE.knowsEnvironmentVariable("SLUICE_AUTOSCALE_SCALE_OUT_LAG")).isTrue();
    assertThat(WORKER.knowsEnvironmentVariable("SLUICE_WORKER_ID")).isTrue();
    assertThat(WORKER.knowsEnvironmentVariable("SLUICE_DB_URL")).isFalse();
    assertThat(WORKER.knowsEnvironmentVariable("SLUICE_NO_SUCH_SETTING")).isFalse();
    assertThat(CONTROL_PLANE.knowsEnvironmentVariable("SLUICE_WORKER_TASKS")).isFalse();
  }

  @Test
  void composeSetsOnlyVariablesTheServicesRead() {
    int checked = 0;
    for (Map.Entry<String, Object> service : ComposeFileTest.services().entrySet()) {
      String name = service.getKey();
      if (!name.startsWith("control-plane") && !name.startsWith("worker")) {
        continue;
      }
      Map<String, Object> environment =
          map(at(map(service.getValue(), name), "environment"), name + ".environment");
      assertKnown(serviceOf(name), "docker-compose service " + name, environment.keySet());
      checked += environment.size();
    }
    assertThat(checked).isGreaterThan(10);
  }

  @Test
  void kubernetesSetsOnlyVariablesTheServicesRead() {
    for (String deploymentName : List.of("sluice-control-plane", "sluice-worker")) {
      Map<String, Object> deployment = KubernetesManifestsTest.find("Deployment", deploymentName);
      for (Map<String, Object> container : KubernetesManifestsTest.containers(deployment)) {
        List<String> names = new ArrayList<>();
        if (container.containsKey("env")) {
          list(container.get("env"), "env")
              .forEach(e -> names.add((String) map(e, "e").get("name")));
        }
        if (container.containsKey("envFrom")) {
          for (Object source : list(container.get("envFrom"), "envFrom")) {
            Map<String, Object> from = map(source, "envFrom");
            Map<String, Object> object =
                from.containsKey("configMapRef")
                    ? KubernetesManifestsTest.find(
                        "ConfigMap", (String) at(from, "configMapRef", "name"))
                    : KubernetesManifestsTest.find(
                        "Secret", (String) at(from, "secretRef", "name"));
            names.addAll(
                map(object.containsKey("data") ? object.get("data") : object.get("stringData"), "d")
                    .keySet());
          }
        }
        assertThat(names).isNotEmpty();
        assertKnown(serviceOf(deploymentName), "Deployment " + deploymentName, names);
      }
    }
  }

  @Test
  void imagesSetOnlyVariablesTheServicesRead() {
    Pattern env = Pattern.compile("(?m)^ENV ([A-Z0-9_]+)=");
    for (String file :
        List.of("control-plane.Dockerfile", "worker.Dockerfile", "worker-native.Dockerfile")) {
      Path path = Repository.DEPLOY.resolve("docker").resolve(file);
      Matcher matcher = env.matcher(Repository.read(path));
      List<String> names = new ArrayList<>();
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
      assertThat(names).as(file).isNotEmpty();
      assertKnown(serviceOf(file), file, names);
    }
  }
}
