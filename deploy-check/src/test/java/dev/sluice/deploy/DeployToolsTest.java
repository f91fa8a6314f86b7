package dev.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The deploy files through the real tools, where the machine has them: {@code docker compose
 * config} (or Debian's {@code docker-compose}) and {@code kubectl kustomize}; both work without a
 * daemon or a cluster. Where a tool is missing, the structural checks of the other tests in this
 * module stand for it and this test says so on the console.
 */
class DeployToolsTest {
  /** A finished process: exit code and combined output. */
  record Run(int exitCode, String output) {}

  static Optional<Run> run(List<String> command) {
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(Repository.ROOT.toFile())
              .redirectErrorStream(true)
              .start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command + " did not finish within 120 s");
      }
      return Optional.of(new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      return Optional.empty(); // not installed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static Optional<List<String>> composeClient() {
    for (List<String> client : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
      List<String> version = new ArrayList<>(client);
      version.add("version");
      if (run(version).filter(r -> r.exitCode() == 0).isPresent()) {
        return Optional.of(client);
      }
    }
    return Optional.empty();
  }

  @Test
  void composeFileIsValidForTheComposeClient() {
    Optional<List<String>> client = composeClient();
    if (client.isPresent()) {
      List<String> command = new ArrayList<>(client.get());
      command.addAll(List.of("-f", ComposeFileTest.COMPOSE.toString(), "config", "--quiet"));
      Run result = run(command).orElseThrow();
      assertThat(result.exitCode()).as(result.output()).isZero();
    } else {
      System.out.println("no docker compose client here: the structural checks stand for it");
      assertThat(ComposeFileTest.services()).hasSize(8);
    }
  }

  @Test
  void kubernetesManifestsRenderWithKubectlKustomize() {
    Optional<Run> version = run(List.of("kubectl", "version", "--client"));
    if (version.isPresent() && version.get().exitCode() == 0) {
      Run result =
          run(List.of("kubectl", "kustomize", KubernetesManifestsTest.DIR.toString()))
              .orElseThrow();
      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(result.output())
          .contains("kind: ScaledObject")
          .contains("kind: PodDisruptionBudget")
          .contains("name: sluice-control-plane");
    } else {
      System.out.println("no kubectl here: the structural checks stand for it");
      assertThat(KubernetesManifestsTest.objects()).hasSizeGreaterThanOrEqualTo(8);
    }
  }
}
