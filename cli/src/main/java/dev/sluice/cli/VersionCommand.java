package dev.sluice.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sluice version}: prints the version of this build. */
@Command(name = "version", description = "Print the Sluice version.")
final class VersionCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.println("sluice " + SluiceCommand.version());
    return 0;
  }
}
