package dev.sluice.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpFaultProxyTest {
  private ServerSocket echo;
  private final AtomicInteger requestsSeen = new AtomicInteger();
  private TcpFaultProxy proxy;

  /** Answers each chunk it receives with the same bytes, and counts them. */
  @BeforeEach
  void startEcho() throws IOException {
    echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    TcpFaultProxy.daemon(
            () -> {
              while (!echo.isClosed()) {
                try {
                  Socket socket = echo.accept();
                  TcpFaultProxy.daemon(() -> echoAll(socket), "echo").start();
                } catch (IOException e) {
                  return;
                }
              }
            },
            "echo-accept")
        .start();
    proxy = TcpFaultProxy.start("127.0.0.1", echo.getLocalPort());
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    echo.close();
  }

  private void echoAll(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      byte[] buffer = new byte[1024];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        requestsSeen.incrementAndGet();
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException ignored) {
      // Client gone.
    }
  }

  @Test
  void forwardsBothWays() throws IOException {
    try (Socket socket = connect()) {
      assertThat(roundTrip(socket, "hello")).isEqualTo("hello");
      assertThat(roundTrip(socket, "again")).isEqualTo("again");
    }
  }

  @Test
  void losesTheAnswerToTheFirstLargeEnoughRequestAfterTheServerGotIt() throws IOException {
    proxy.loseNextAnswer(10, Duration.ofMillis(300));
    try (Socket socket = connect()) {
      // Small requests pass: the rule waits for a request of at least 10 bytes.
      assertThat(roundTrip(socket, "tiny")).isEqualTo("tiny");
      assertThat(proxy.isArmed()).isTrue();
      socket.getOutputStream().write("a large request".getBytes(StandardCharsets.US_ASCII));
      socket.setSoTimeout(5_000);
      // The connection is cut without a byte of the answer.
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
    assertThat(requestsSeen.get()).isEqualTo(2);
    assertThat(proxy.answersLost()).isEqualTo(1);
    assertThat(proxy.isArmed()).isFalse();
    // Fired once: a new connection works again.
    try (Socket socket = connect()) {
      assertThat(roundTrip(socket, "a large request")).isEqualTo("a large request");
    }
  }

  @Test
  void delaysAnswersUntilTheDelayIsRemoved() throws IOException {
    proxy.delayAnswers(Duration.ofMillis(700));
    try (Socket socket = connect()) {
      socket.getOutputStream().write('x');
      socket.setSoTimeout(300);
      long start = System.nanoTime();
      boolean timedOut = false;
      try {
        socket.getInputStream().read();
      } catch (SocketTimeoutException e) {
        timedOut = true;
      }
      assertThat(timedOut).isTrue();
      socket.setSoTimeout(5_000);
      assertThat(socket.getInputStream().read()).isEqualTo('x');
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(600));
      proxy.delayAnswers(Duration.ZERO);
      assertThat(roundTrip(socket, "fast")).isEqualTo("fast");
    }
  }

  @Test
  void cutsEveryConnection() throws IOException {
    try (Socket socket = connect()) {
      assertThat(roundTrip(socket, "before")).isEqualTo("before");
      proxy.cutAll();
      socket.setSoTimeout(5_000);
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
    assertThat(proxy.connectionsCut()).isEqualTo(1);
  }

  private Socket connect() throws IOException {
    return new Socket(InetAddress.getLoopbackAddress(), proxy.port());
  }

  private static String roundTrip(Socket socket, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    socket.getOutputStream().write(bytes);
    socket.setSoTimeout(5_000);
    byte[] answer = socket.getInputStream().readNBytes(bytes.length);
    return new String(answer, StandardCharsets.US_ASCII);
  }
}
