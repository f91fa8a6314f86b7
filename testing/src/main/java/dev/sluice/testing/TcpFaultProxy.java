package dev.sluice.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of one server, for fault-injection tests of protocols it does
 * not understand (gRPC over HTTP/2): it can lose the answer to a request, delay every answer, or
 * cut every connection. Clients connect to {@link #port()} instead of the server.
 *
 * <p>"Losing an answer" works on byte chunks, not on calls: once armed, the first connection that
 * sends a chunk of at least {@code minRequestBytes} stops receiving anything for a while (long
 * enough for the server to finish the request) and is then cut. The client never hears the answer
 * although the server acted on the request — the situation the commit protocol's retry with the
 * same attempt id is for.
 */
public final class TcpFaultProxy implements AutoCloseable {
  private static final int BUFFER = 64 * 1024;

  private final String targetHost;
  // Retargeted by a test to move new connections to another server (another replica).
  private volatile int targetPort;
  private final ServerSocket server;
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger answersLost = new AtomicInteger();
  private final AtomicInteger connectionsCut = new AtomicInteger();
  private final AtomicInteger largestRequestChunk = new AtomicInteger();
  private volatile LoseAnswer armed;
  private volatile OnRequest onRequest;
  private volatile Duration answerDelay = Duration.ZERO;
  private volatile boolean closed;

  private record LoseAnswer(int minRequestBytes, Duration blackhole) {}

  private record OnRequest(int minRequestBytes, Runnable beforeForwarding) {}

  private TcpFaultProxy(String targetHost, int targetPort, ServerSocket server) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.server = server;
  }

  /** Starts a proxy on a free port of 127.0.0.1 forwarding to {@code targetHost:targetPort}. */
  public static TcpFaultProxy start(String targetHost, int targetPort) {
    requireNonNull(targetHost, "targetHost is null");
    try {
      ServerSocket server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      TcpFaultProxy proxy = new TcpFaultProxy(targetHost, targetPort, server);
      daemon(proxy::acceptLoop, "tcp-fault-proxy-accept-" + server.getLocalPort()).start();
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a TCP proxy", e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /**
   * Arms the proxy: the next connection sending a chunk of at least {@code minRequestBytes} gets
   * nothing back for {@code blackhole}, then loses its connection. Fires once.
   */
  public void loseNextAnswer(int minRequestBytes, Duration blackhole) {
    armed = new LoseAnswer(minRequestBytes, requireNonNull(blackhole, "blackhole is null"));
  }

  /** True while an armed {@link #loseNextAnswer} has not fired yet. */
  public boolean isArmed() {
    return armed != null;
  }

  /** Disarms both {@link #loseNextAnswer} and {@link #onNextRequest}. */
  public void disarm() {
    armed = null;
    onRequest = null;
  }

  /**
   * Runs {@code beforeForwarding} once, on the proxy's thread, when the first chunk of at least
   * {@code minRequestBytes} from a client arrives, and passes the chunk on to the server only when
   * it returned: a test can prepare the server's surroundings (take a lock the request will wait
   * for) and learn that the request is now in the server's hands. Fires once.
   */
  public void onNextRequest(int minRequestBytes, Runnable beforeForwarding) {
    onRequest =
        new OnRequest(
            minRequestBytes, requireNonNull(beforeForwarding, "beforeForwarding is null"));
  }

  /**
   * Sends new connections to {@code port} of the same host from now on; open connections stay where
   * they are ({@link #cutAll} ends them).
   */
  public void retarget(int port) {
    targetPort = port;
  }

  /** Holds every chunk from the server for {@code delay} before passing it on; zero stops it. */
  public void delayAnswers(Duration delay) {
    answerDelay = requireNonNull(delay, "delay is null");
  }

  /** Closes every open connection at once, as a network failure would. */
  public void cutAll() {
    for (Connection connection : connections) {
      connection.close();
      connectionsCut.incrementAndGet();
    }
  }

  /** How many answers {@link #loseNextAnswer} has swallowed so far. */
  public int answersLost() {
    return answersLost.get();
  }

  /** The most bytes a client sent in one piece so far: a hint for {@link #loseNextAnswer}. */
  public int largestRequestChunk() {
    return largestRequestChunk.get();
  }

  public int connectionsCut() {
    return connectionsCut.get();
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // Closing anyway.
    }
    connections.forEach(Connection::close);
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        Socket upstream;
        try {
          upstream = new Socket(targetHost, targetPort);
        } catch (IOException e) {
          // The server is down (being restarted): the client sees a refused-like close.
          closeQuietly(client);
          continue;
        }
        Connection connection = new Connection(client, upstream);
        connections.add(connection);
        daemon(connection::pumpRequests, "tcp-fault-proxy-up").start();
        daemon(connection::pumpAnswers, "tcp-fault-proxy-down").start();
      } catch (IOException e) {
        if (!closed) {
          sleep(Duration.ofMillis(50));
        }
      }
    }
  }

  private final class Connection {
    private final Socket client;
    private final Socket upstream;
    // Set when this connection sent the request whose answer is to be lost.
    private volatile LoseAnswer losing;

    Connection(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
      try {
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
      } catch (SocketException ignored) {
        // Only latency.
      }
    }

    void pumpRequests() {
      byte[] buffer = new byte[BUFFER];
      try (InputStream in = client.getInputStream()) {
        OutputStream out = upstream.getOutputStream();
        int n;
        while ((n = in.read(buffer)) >= 0) {
          largestRequestChunk.accumulateAndGet(n, Math::max);
          // Decided before the request goes on, so the answer cannot overtake the decision.
          LoseAnswer rule = armed;
          if (rule != null && losing == null && n >= rule.minRequestBytes()) {
            synchronized (TcpFaultProxy.this) {
              if (armed == rule) {
                armed = null;
                losing = rule;
              }
            }
          }
          OnRequest hook = onRequest;
          if (hook != null && n >= hook.minRequestBytes() && claim(hook)) {
            hook.beforeForwarding().run();
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException ignored) {
        // Either side went away.
      } finally {
        close();
      }
    }

    private boolean claim(OnRequest hook) {
      synchronized (TcpFaultProxy.this) {
        if (onRequest != hook) {
          return false;
        }
        onRequest = null;
        return true;
      }
    }

    void pumpAnswers() {
      byte[] buffer = new byte[BUFFER];
      try (InputStream in = upstream.getInputStream()) {
        OutputStream out = client.getOutputStream();
        int n;
        while ((n = in.read(buffer)) >= 0) {
          LoseAnswer rule = losing;
          if (rule != null) {
            // Swallow everything while the server finishes the request, then cut.
            swallow(in, buffer, rule.blackhole());
            answersLost.incrementAndGet();
            return;
          }
          Duration delay = answerDelay;
          if (!delay.isZero()) {
            sleep(delay);
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException ignored) {
        // Either side went away.
      } finally {
        close();
      }
    }

    private void swallow(InputStream in, byte[] buffer, Duration blackhole) throws IOException {
      long deadline = System.nanoTime() + blackhole.toNanos();
      upstream.setSoTimeout(100);
      while (System.nanoTime() < deadline) {
        try {
          if (in.read(buffer) < 0) {
            return;
          }
        } catch (java.net.SocketTimeoutException e) {
          // Nothing to swallow right now.
        }
      }
    }

    void close() {
      connections.remove(this);
      closeQuietly(client);
      closeQuietly(upstream);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Already broken.
    }
  }

  static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "TcpFaultProxy[127.0.0.1:" + port() + " -> " + targetHost + ":" + targetPort + "]";
  }
}
