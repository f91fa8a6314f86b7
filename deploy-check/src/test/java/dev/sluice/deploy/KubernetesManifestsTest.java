package dev.sluice.deploy;

import static dev.sluice.deploy.Repository.at;
import static dev.sluice.deploy.Repository.list;
import static dev.sluice.deploy.Repository.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes: the fields the API server requires, and every reference between the objects
 * (selectors, ports, ConfigMap/Secret, the ScaledObject's target and metric URL) resolves.
 */
class KubernetesManifestsTest {
  static final Path DIR = Repository.DEPLOY.resolve("kubernetes");

  static List<Map<String, Object>> objects() {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object resource : list(at(kustomization(), "resources"), "resources")) {
      objects.addAll(Repository.yamlDocuments(DIR.resolve((String) resource)));
    }
    return objects;
  }

  static Map<String, Object> kustomization() {
    return Repository.yamlDocuments(DIR.resolve("kustomization.yaml")).get(0);
  }

  static Map<String, Object> find(String kind, String name) {
    return objects().stream()
        .filter(o -> kind.equals(o.get("kind")) && name.equals(at(o, "metadata", "name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
  }

  static List<Map<String, Object>> containers(Map<String, Object> deployment) {
    return list(at(deployment, "spec", "template", "spec", "containers"), "containers").stream()
        .map(c -> map(c, "container"))
        .toList();
  }

  @Test
  void kustomizationListsEveryManifest() throws IOException {
    Set<String> files = new HashSet<>();
    try (Stream<Path> paths = Files.list(DIR)) {
      paths
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
          .forEach(files::add);
    }
    assertThat(list(at(kustomization(), "resources"), "resources"))
        .containsExactlyInAnyOrderElementsOf(files);
  }

  @Test
  void everyObjectHasApiVersionKindAndName() {
    List<Map<String, Object>> objects = objects();
    assertThat(objects)
        .extracting(o -> o.get("kind"))
        .contains(
            "ConfigMap", "Secret", "Deployment", "Service", "PodDisruptionBudget", "ScaledObject");
    for (Map<String, Object> object : objects) {
      assertThat(object.get("apiVersion")).as("apiVersion of " + object).isInstanceOf(String.class);
      assertThat((String) at(object, "metadata", "name")).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    }
  }

  @Test
  void deploymentsSelectTheirPodsAndProbesUseDeclaredPorts() {
    for (Map<String, Object> deployment :
        objects().stream().filter(o -> "Deployment".equals(o.get("kind"))).toList()) {
      Map<String, Object> selector = map(at(deployment, "spec", "selector", "matchLabels"), "sel");
      Map<String, Object> labels =
          map(at(deployment, "spec", "template", "metadata", "labels"), "labels");
      assertThat(labels).containsAllEntriesOf(selector);
      for (Map<String, Object> container : containers(deployment)) {
        assertThat(container.get("image")).isInstanceOf(String.class);
        Set<Object> ports = new HashSet<>();
        list(container.get("ports"), "ports").forEach(p -> ports.add(map(p, "port").get("name")));
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
          assertThat(ports).contains(at(container, probe, "httpGet", "port"));
          assertThat(at(container, probe, "httpGet", "path")).asString().startsWith("/q/health/");
        }
      }
    }
    assertThat((Integer) at(find("Deployment", "sluice-control-plane"), "spec", "replicas"))
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void serviceAndDisruptionBudgetsMatchTheDeployments() {
    Map<String, Object> service = find("Service", "sluice-control-plane");
    Map<String, Object> controlPlane = find("Deployment", "sluice-control-plane");
    assertThat(map(at(controlPlane, "spec", "template", "metadata", "labels"), "labels"))
        .containsAllEntriesOf(map(at(service, "spec", "selector"), "selector"));
    Object targetPort =
        map(list(at(service, "spec", "ports"), "ports").get(0), "p").get("targetPort");
    assertThat(list(containers(controlPlane).get(0).get("ports"), "ports"))
        .anySatisfy(p -> assertThat(map(p, "port").get("name")).isEqualTo(targetPort));
    for (String name : List.of("sluice-control-plane", "sluice-worker")) {
      Map<String, Object> budget = find("PodDisruptionBudget", name);
      assertThat(map(at(find("Deployment", name), "spec", "template", "metadata", "labels"), "l"))
          .containsAllEntriesOf(map(at(budget, "spec", "selector", "matchLabels"), "selector"));
    }
  }

  @Test
  void configMapsAndSecretsReferencedExist() {
    for (Map<String, Object> deployment :
        objects().stream().filter(o -> "Deployment".equals(o.get("kind"))).toList()) {
      for (Map<String, Object> container : containers(deployment)) {
        if (container.containsKey("envFrom")) {
          for (Object source : list(container.get("envFrom"), "envFrom")) {
            Map<String, Object> from = map(source, "envFrom");
            if (from.containsKey("configMapRef")) {
              find("ConfigMap", (String) at(from, "configMapRef", "name"));
            } else {
              find("Secret", (String) at(from, "secretRef", "name"));
            }
          }
        }
      }
    }
  }

  @Test
  void workersScaleOnTheControlPlanesDesiredWorkerFigure() {
    Map<String, Object> scaled = find("ScaledObject", "sluice-worker");
    find("Deployment", (String) at(scaled, "spec", "scaleTargetRef", "name"));
    Map<String, Object> trigger =
        map(list(at(scaled, "spec", "triggers"), "triggers").get(0), "trigger");
    assertThat(trigger.get("type")).isEqualTo("metrics-api");
    assertThat(trigger.get("metricType")).isEqualTo("AverageValue");
    assertThat(at(trigger, "metadata", "valueLocation")).isEqualTo("desiredWorkers");
    assertThat(at(trigger, "metadata", "targetValue")).isEqualTo("1");
    URI url = URI.create((String) at(trigger, "metadata", "url"));
    Map<String, Object> service = find("Service", url.getHost());
    assertThat(map(list(at(service, "spec", "ports"), "ports").get(0), "port").get("port"))
        .isEqualTo(url.getPort());
    // The path the control plane serves, read from its source.
    assertThat(
            Repository.read(
                Repository.ROOT.resolve(
                    "control-plane/src/main/java/dev/sluice/controlplane/ops/DesiredWorkersRoute.java")))
        .contains("PATH = \"" + url.getPath() + "\"");
    assertThat(at(scaled, "spec", "maxReplicaCount"))
        .as("the same ceiling as the policy's")
        .isEqualTo(
            Integer.parseInt(
                (String)
                    at(
                        find("ConfigMap", "sluice-config"),
                        "data",
                        "SLUICE_AUTOSCALE_MAX_WORKERS")));
  }
}
