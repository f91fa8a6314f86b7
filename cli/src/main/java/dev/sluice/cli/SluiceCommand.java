package dev.sluice.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sluice} command: the entry point of every sub-command. */
@Command(
    name = "sluice",
    mixinStandardHelpOptions = true,
    versionProvider = SluiceCommand.Version.class,
    description = "Sluice: Kafka streams into Parquet tables on object storage, exactly once.",
    subcommands = {
      VersionCommand.class,
      SqlCommand.class,
      ProduceCommand.class,
      dev.sluice.cli.local.LocalCommand.class,
      ServiceCommands.ControlPlane.class,
      ServiceCommands.Worker.class
    })
public final class SluiceCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new SluiceCommand()).execute(args));
  }

  /** The project version, baked into the jar at build time. */
  static String version() {
    try (InputStream in = SluiceCommand.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"sluice " + version()};
    }
  }
}
