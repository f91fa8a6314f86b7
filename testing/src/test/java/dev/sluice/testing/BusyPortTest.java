package dev.sluice.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A taken port must fail at once and say so, not at the end of a startup timeout. */
class BusyPortTest {

  private ServerSocket taken;

  @BeforeEach
  void takePort() throws Exception {
    taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void releasePort() throws Exception {
    taken.close();
  }

  @Test
  void postgres(@TempDir Path dir) {
    assertThatThrownBy(() -> PostgresServer.start(dir, taken.getLocalPort()))
        .hasMessage(
            "PostgreSQL cannot listen on 127.0.0.1:"
                + taken.getLocalPort()
                + ": the port is in use");
  }

  @Test
  void kafka(@TempDir Path dir) {
    assertThatThrownBy(() -> KafkaBroker.start(dir, taken.getLocalPort()))
        .hasMessage(
            "Kafka cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": the port is in use");
  }

  @Test
  void s3proxy(@TempDir Path dir) {
    assertThatThrownBy(() -> S3ProxyServer.start(dir, taken.getLocalPort(), "k", "s"))
        .hasMessage(
            "S3Proxy cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": the port is in use");
  }
}
