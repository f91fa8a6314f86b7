package dev.sluice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Finds a TCP port on 127.0.0.1 that nothing listens on right now. */
public final class FreePort {

  // Several servers pick their ports before any of them binds; without this memory two of them
  // could be handed the same port within one JVM.
  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private FreePort() {}

  public static synchronized int find() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = probe();
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port found on 127.0.0.1 after 50 attempts");
  }

  /** True if a server socket can be bound on 127.0.0.1 at this port now. */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Fails fast with a clear message: a server whose port is taken may otherwise only give up at its
   * startup timeout.
   */
  static void requireFree(int port, String server) {
    if (!isFree(port)) {
      throw new IllegalStateException(
          server + " cannot listen on 127.0.0.1:" + port + ": the port is in use");
    }
  }

  private static int probe() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind a socket on 127.0.0.1", e);
    }
  }
}
