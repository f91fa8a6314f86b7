package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

class SocketOwnerTest {

  @Test
  void findsTheProcessHoldingAConnection() throws Exception {
    long self = ProcessHandle.current().pid();
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Socket accepted = server.accept()) {
      assertThat(accepted.isConnected()).isTrue();
      assertThat(SocketOwner.find(client.getLocalPort(), server.getLocalPort(), List.of(self)))
          .contains(self);
      // Not among the candidates: nobody is named.
      assertThat(SocketOwner.find(client.getLocalPort(), server.getLocalPort(), List.of(1L)))
          .isEmpty();
      // No such connection.
      assertThat(SocketOwner.find(client.getLocalPort(), client.getLocalPort(), List.of(self)))
          .isEmpty();
    }
  }
}
