package dev.sluice.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortTest {

  @Test
  void handsOutDistinctBindablePorts() throws Exception {
    Set<Integer> ports = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      ports.add(FreePort.find());
    }
    assertThat(ports).hasSize(20).allSatisfy(p -> assertThat(p).isBetween(1024, 65535));
    int port = ports.iterator().next();
    assertThat(FreePort.isFree(port)).isTrue();
    try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(FreePort.isFree(port)).isFalse();
    }
  }
}
