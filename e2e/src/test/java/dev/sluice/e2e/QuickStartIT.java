package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.FreePort;
import dev.sluice.testing.ServiceProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The README's quick start, run as a person would: `./sluice local` in the background, then every
 * command of the README's Quick start section, taken from README.md itself so the two cannot drift.
 * Then the stack is stopped and started again, and loading continues without loss or duplicates.
 */
class QuickStartIT {
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @Test
  void theReadmeQuickStartWorksAsWrittenAndSurvivesARestart() throws Exception {
    for (int port : new int[] {9090, 9092, 9000}) {
      assertThat(FreePort.isFree(port)).as("the quick start needs port " + port + " free").isTrue();
    }
    List<String> blocks = quickStartBlocks();
    assertThat(blocks.get(0)).isEqualTo("./sluice local");
    Path data = Files.createTempDirectory("sluice-quickstart");

    Process local = startLocal(data);
    try {
      assertNoSecretOnACommandLine(local, data);
      run(blocks.get(1));
      run(blocks.get(2));
      run(blocks.get(3));
      String show = runUntil(blocks.get(4), out -> out.contains("\"loadedRows\":5,"));
      assertThat(show)
          .contains("               State: RUNNING")
          .contains("                Name: clicks");
      assertThat(run(blocks.get(5))).contains("5 rows in set");
      List<String> more = blocks.get(6).lines().toList();
      run(more.get(0));
      assertThat(runUntil(more.get(1), out -> out.contains("| 10 "))).contains("1 row in set");
    } finally {
      stop(local);
    }

    // Restart: the job resumes where it left off, with nothing lost or loaded twice.
    local = startLocal(data);
    try {
      List<String> more = blocks.get(6).lines().toList();
      run(more.get(0));
      // Exactly the 15 clicks produced: none lost across the restart, none loaded twice.
      assertThat(runUntil(more.get(1), out -> out.contains("| 15 "))).contains("1 row in set");
      Thread.sleep(3000);
      assertThat(run(more.get(1))).contains("| 15 ");
    } finally {
      stop(local);
    }
  }

  /**
   * Every user of the machine can read command lines ({@code ps}): the tokens, the key that
   * encrypts secrets and the storage secret must reach the services another way.
   */
  private static void assertNoSecretOnACommandLine(Process local, Path data) throws IOException {
    List<String> secrets = new ArrayList<>();
    secrets.add(Files.readString(data.resolve("secrets.key")).strip());
    secrets.add(
        Files.readString(
                Path.of(System.getProperty("user.home"), ".sluice", "local-tokens", "9090"))
            .strip());
    secrets.add("sluice-local-secret"); // LocalCommand.S3_SECRET_KEY
    List<String> commandLines =
        local
            .descendants()
            .map(child -> child.info().commandLine().orElse(""))
            .filter(line -> !line.isEmpty())
            .toList();
    assertThat(commandLines).hasSizeGreaterThanOrEqualTo(2); // the control plane and the worker
    for (String secret : secrets) {
      assertThat(secret).isNotBlank();
      assertThat(commandLines).noneMatch(line -> line.contains(secret));
    }
  }

  /** The fenced bash blocks of the README's "Quick start" section, in order. */
  private static List<String> quickStartBlocks() throws IOException {
    String readme = Files.readString(ServiceProcess.root().resolve("README.md"));
    String section = readme.substring(readme.indexOf("## Quick start"));
    section = section.substring(0, section.indexOf("\n## ", 3));
    List<String> blocks = new ArrayList<>();
    int at = 0;
    while ((at = section.indexOf("```bash\n", at)) >= 0) {
      int end = section.indexOf("\n```", at + 8);
      blocks.add(section.substring(at + 8, end));
      at = end + 4;
    }
    return blocks;
  }

  private static Process startLocal(Path data) throws Exception {
    Process process =
        new ProcessBuilder("bash", "-c", "exec ./sluice local --data-dir '" + data + "'")
            .directory(ServiceProcess.root().toFile())
            .redirectErrorStream(true)
            .start();
    CountDownLatch ready = new CountDownLatch(1);
    StringBuffer output = new StringBuffer();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  output.append(line).append('\n');
                  if (line.startsWith("sluice local ready:")) {
                    ready.countDown();
                  }
                }
              } catch (IOException e) {
                // The process ended.
              }
            },
            "sluice-local-output");
    reader.setDaemon(true);
    reader.start();
    if (!ready.await(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("sluice local did not become ready:\n" + output);
    }
    return process;
  }

  private static void stop(Process local) throws InterruptedException {
    local.destroy();
    if (!local.waitFor(60, TimeUnit.SECONDS)) {
      local.destroyForcibly();
      throw new AssertionError("sluice local did not stop within 60 s of SIGTERM");
    }
  }

  /** Runs a README command with bash from the checkout; it must succeed. */
  private static String run(String script) throws Exception {
    Process process =
        new ProcessBuilder("bash", "-e", "-c", script)
            .directory(ServiceProcess.root().toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("%s\n%s", script, out).isZero();
    return out;
  }

  private static String runUntil(String script, Predicate<String> done) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    String out = run(script);
    while (!done.test(out)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "'" + script + "' never showed what was expected; last output:\n" + out);
      }
      Thread.sleep(1000);
      out = run(script);
    }
    return out;
  }
}
