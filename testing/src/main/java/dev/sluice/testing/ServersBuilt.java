package dev.sluice.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What the build of this module wrote into {@code sluice-servers.properties}: where the servers
 * that run as child processes (S3Proxy, Apicurio Registry) were copied or unpacked to.
 */
final class ServersBuilt {

  private ServersBuilt() {}

  static Properties properties() {
    Properties properties = new Properties();
    try (InputStream in = ServersBuilt.class.getResourceAsStream("/sluice-servers.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read sluice-servers.properties", e);
    }
    return properties;
  }
}
