package dev.sluice.e2e;

import dev.sluice.testing.ServiceProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The `sluice` command as the launcher runs it: the CLI jar built in this checkout. */
final class SluiceCli {
  private SluiceCli() {}

  static List<String> command(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dsluice.root=" + ServiceProcess.root());
    command.add("-jar");
    command.add(ServiceProcess.root().resolve("cli/target/sluice-cli.jar").toString());
    command.addAll(List.of(args));
    return command;
  }
}
