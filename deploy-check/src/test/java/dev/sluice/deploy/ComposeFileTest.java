package dev.sluice.deploy;

import static dev.sluice.deploy.Repository.at;
import static dev.sluice.deploy.Repository.list;
import static dev.sluice.deploy.Repository.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** deploy/docker-compose.yml: the stack of the shared-data quick start, two of each service. */
class ComposeFileTest {
  static final Path COMPOSE = Repository.DEPLOY.resolve("docker-compose.yml");

  static Map<String, Object> services() {
    List<Map<String, Object>> documents = Repository.yamlDocuments(COMPOSE);
    assertThat(documents).hasSize(1);
    return map(at(documents.get(0), "services"), "services");
  }

  @Test
  void definesTheWholeStackWithTwoControlPlanesAndTwoWorkers() {
    assertThat(services())
        .containsOnlyKeys(
            "postgres",
            "redpanda",
            "minio",
            "minio_mc",
            "control-plane-1",
            "control-plane-2",
            "worker-1",
            "worker-2");
  }

  @Test
  void everyDependencyIsAServiceAndTheBucketIsCreatedBeforeTheControlPlanesStart() {
    Map<String, Object> services = services();
    services.forEach(
        (name, definition) -> {
          Map<String, Object> service = map(definition, name);
          assertThat(service.get("image")).as(name + " image").isInstanceOf(String.class);
          if (service.containsKey("depends_on")) {
            assertThat(map(service.get("depends_on"), name + ".depends_on").keySet())
                .as(name + " depends on")
                .allMatch(services::containsKey);
          }
        });
    String createBucket = list(at(services, "minio_mc", "entrypoint"), "mc").toString();
    String location =
        (String) at(services, "control-plane-1", "environment", "SLUICE_STORAGE_LOCATION");
    String bucket = location.substring("s3://".length()).split("/")[0];
    assertThat(createBucket).contains("mc mb --ignore-existing minio/" + bucket);
    assertThat(map(at(services, "control-plane-1", "depends_on"), "depends_on"))
        .containsEntry("minio_mc", Map.of("condition", "service_completed_successfully"));
  }

  @Test
  void replicasShareTheirSettingsAndWorkersReachAControlPlane() {
    Map<String, Object> services = services();
    Map<String, Object> first = map(at(services, "control-plane-1", "environment"), "env");
    Map<String, Object> second = map(at(services, "control-plane-2", "environment"), "env");
    assertThat(second).isEqualTo(first);
    assertThat(at(services, "control-plane-2", "image"))
        .isEqualTo(at(services, "control-plane-1", "image"));
    for (String worker : List.of("worker-1", "worker-2")) {
      Object host = at(services, worker, "environment", "SLUICE_CONTROL_PLANE_HOST");
      assertThat(services).containsKey((String) host);
      assertThat(at(services, worker, "environment", "SLUICE_WORKER_TASKS"))
          .as("the autoscaler counts the workers' task slots")
          .isEqualTo(first.get("SLUICE_AUTOSCALE_TASKS_PER_WORKER"));
    }
    assertThat(at(services, "control-plane-1", "build", "dockerfile"))
        .isEqualTo("deploy/docker/control-plane.Dockerfile");
    assertThat(at(services, "worker-1", "build", "dockerfile"))
        .isEqualTo("deploy/docker/worker.Dockerfile");
  }
}
