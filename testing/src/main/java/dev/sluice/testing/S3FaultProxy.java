package dev.sluice.testing;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An HTTP/1.1 proxy in front of an S3 API server that fails writes on purpose: PUT (objects and
 * multipart parts) and POST (create and complete multipart upload) get a 500 or 503, stall and lose
 * their connection, or reach the server and lose their answer, each with a configurable probability
 * drawn from a seeded generator. Reads, lists and deletes always pass. Requests are forwarded byte
 * for byte, Host header included, so signatures made for the proxy's address stay valid.
 *
 * <p>A test can also {@link #holdNextWrite() hold} the next write to learn which client sent it
 * (its local port), e.g. to kill that process in the middle of an upload.
 */
public final class S3FaultProxy implements AutoCloseable {

  /** What happens to a write picked for a fault. */
  public enum Fault {
    /** Answered 500 InternalError without reaching the server. */
    INTERNAL_ERROR,
    /** Answered 503 SlowDown without reaching the server. */
    SLOW_DOWN,
    /** No answer for the stall time, then the connection closes: a timeout. */
    STALL,
    /** Forwarded; the server's answer is dropped and the connection closed. */
    LOSE_ANSWER
  }

  /** A write held by {@link #holdNextWrite()}. */
  public static final class HeldWrite {
    private final AtomicReference<HeldWrite> pending;
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean passOn;
    private volatile int clientPort;
    private volatile String request = "";

    /** The client's local port once a write is held, or empty after {@code timeout}. */
    public Optional<Integer> awaitClientPort(Duration timeout) {
      try {
        return arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS)
            ? Optional.of(clientPort)
            : Optional.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }

    /** The held request line, e.g. {@code PUT /bucket/key?partNumber=1&uploadId=...}. */
    public String request() {
      return request;
    }

    private HeldWrite(AtomicReference<HeldWrite> pending) {
      this.pending = pending;
    }

    /**
     * Lets the held write go on: its connection is closed without an answer. If no write came yet,
     * none will be held.
     */
    public void release() {
      pending.compareAndSet(this, null);
      released.countDown();
    }

    /** Lets the held write go on to the server as if it had never been held. */
    public void passOn() {
      passOn = true;
      release();
    }
  }

  private static final int MAX_HEAD = 64 * 1024;
  private static final int BUFFER = 64 * 1024;

  private final String upstreamHost;
  private final int upstreamPort;
  private final ServerSocket server;
  private final Random random;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
  private final AtomicReference<HeldWrite> hold = new AtomicReference<>();
  private double probability;
  private Duration stall = Duration.ofSeconds(5);
  private volatile boolean closed;

  private S3FaultProxy(URI upstream, ServerSocket server, long seed) {
    this.upstreamHost = upstream.getHost();
    this.upstreamPort = upstream.getPort();
    this.server = server;
    this.random = new Random(seed);
  }

  /** Starts a proxy on a free port of 127.0.0.1 in front of {@code upstreamEndpoint}. */
  public static S3FaultProxy start(String upstreamEndpoint, long seed) {
    URI upstream = URI.create(requireNonNull(upstreamEndpoint, "upstreamEndpoint is null"));
    if (!"http".equals(upstream.getScheme()) || upstream.getPort() < 0) {
      throw new IllegalArgumentException("need http://host:port, got " + upstreamEndpoint);
    }
    try {
      ServerSocket server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      S3FaultProxy proxy = new S3FaultProxy(upstream, server, seed);
      TcpFaultProxy.daemon(proxy::acceptLoop, "s3-fault-proxy-accept").start();
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the S3 fault proxy", e);
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /**
   * From now on each write fails with {@code probability}, the fault picked evenly among {@link
   * Fault}'s; a stalled write waits {@code stall}. Zero stops failing.
   */
  public synchronized void failWrites(double probability, Duration stall) {
    if (probability < 0 || probability > 1) {
      throw new IllegalArgumentException("probability must be within [0, 1]: " + probability);
    }
    this.probability = probability;
    this.stall = requireNonNull(stall, "stall is null");
  }

  /** The next write is held until released; its connection then closes without an answer. */
  public HeldWrite holdNextWrite() {
    HeldWrite held = new HeldWrite(hold);
    HeldWrite previous = hold.getAndSet(held);
    if (previous != null) {
      previous.release();
    }
    return held;
  }

  /** How many writes got each fault so far. */
  public synchronized Map<Fault, Integer> injected() {
    return Map.copyOf(injected);
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // Closing anyway.
    }
    HeldWrite held = hold.getAndSet(null);
    if (held != null) {
      held.release();
    }
    sockets.forEach(S3FaultProxy::closeQuietly);
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        TcpFaultProxy.daemon(() -> serve(client), "s3-fault-proxy-conn").start();
      } catch (IOException e) {
        if (!closed) {
          TcpFaultProxy.sleep(Duration.ofMillis(50));
        }
      }
    }
  }

  private synchronized Optional<Fault> pickFault(String method) {
    if (!method.equals("PUT") && !method.equals("POST")) {
      return Optional.empty();
    }
    if (probability == 0 || random.nextDouble() >= probability) {
      return Optional.empty();
    }
    Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
    injected.merge(fault, 1, Integer::sum);
    return Optional.of(fault);
  }

  private synchronized Duration stall() {
    return stall;
  }

  /** One client connection: requests one after another (no pipelining), as HTTP/1.1 clients do. */
  private void serve(Socket client) {
    Socket upstream = null;
    try {
      InputStream clientIn = new BufferedInputStream(client.getInputStream(), BUFFER);
      OutputStream clientOut = client.getOutputStream();
      InputStream upstreamIn = null;
      OutputStream upstreamOut = null;
      while (true) {
        Optional<Head> maybeRequest = Head.read(clientIn);
        if (maybeRequest.isEmpty()) {
          return;
        }
        Head request = maybeRequest.get();
        String method = request.startLine().split(" ", 2)[0].toUpperCase(Locale.ROOT);
        boolean passedOn = false;
        if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("DELETE")) {
          HeldWrite held = hold.getAndSet(null);
          if (held != null) {
            held.clientPort = client.getPort();
            held.request = request.startLine();
            held.arrived.countDown();
            held.released.await();
            if (!held.passOn) {
              return;
            }
            passedOn = true;
          }
        }
        Optional<Fault> fault = passedOn ? Optional.empty() : pickFault(method);
        if (fault.isPresent() && fault.get() != Fault.LOSE_ANSWER) {
          injectWithoutForwarding(fault.get(), request, clientIn, clientOut);
          return;
        }
        if (upstream == null) {
          upstream = new Socket(upstreamHost, upstreamPort);
          upstream.setTcpNoDelay(true);
          sockets.add(upstream);
          upstreamIn = new BufferedInputStream(upstream.getInputStream(), BUFFER);
          upstreamOut = upstream.getOutputStream();
        }
        boolean lose = fault.isPresent();
        OutputStream answerTo = lose ? OutputStream.nullOutputStream() : clientOut;
        upstreamOut.write(request.bytes());
        upstreamOut.flush();
        Head response;
        if (request.expectsContinue()) {
          response = Head.read(upstreamIn).orElseThrow(() -> new EOFException("no answer"));
          if (response.status() == 100) {
            clientOut.write(response.bytes());
            clientOut.flush();
            copyBody(request, clientIn, upstreamOut);
            response = Head.read(upstreamIn).orElseThrow(() -> new EOFException("no answer"));
          } else {
            // Refused before the body: the connection's state is unclear, so it ends here.
            answerTo.write(response.bytes());
            copyResponseBody(method, response, upstreamIn, answerTo);
            answerTo.flush();
            return;
          }
        } else {
          copyBody(request, clientIn, upstreamOut);
          upstreamOut.flush();
          response = Head.read(upstreamIn).orElseThrow(() -> new EOFException("no answer"));
        }
        answerTo.write(response.bytes());
        boolean untilClose = copyResponseBody(method, response, upstreamIn, answerTo);
        answerTo.flush();
        if (lose || untilClose || response.closes() || request.closes()) {
          return;
        }
      }
    } catch (IOException e) {
      // A side went away; the other sees its connection close.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(client);
      sockets.remove(client);
      if (upstream != null) {
        closeQuietly(upstream);
        sockets.remove(upstream);
      }
    }
  }

  private void injectWithoutForwarding(
      Fault fault, Head request, InputStream clientIn, OutputStream clientOut)
      throws IOException, InterruptedException {
    switch (fault) {
      case STALL -> Thread.sleep(stall().toMillis());
      case INTERNAL_ERROR -> answerError(request, clientIn, clientOut, 500, "InternalError");
      case SLOW_DOWN -> answerError(request, clientIn, clientOut, 503, "SlowDown");
      case LOSE_ANSWER -> throw new IllegalArgumentException("LOSE_ANSWER is forwarded");
    }
  }

  private static void answerError(
      Head request, InputStream clientIn, OutputStream clientOut, int status, String code)
      throws IOException {
    if (!request.expectsContinue()) {
      copyBody(request, clientIn, OutputStream.nullOutputStream());
    }
    byte[] body =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                + code
                + "</Code><Message>injected by S3FaultProxy</Message></Error>")
            .getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + " "
            + code
            + "\r\nContent-Type: application/xml\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    clientOut.write(head.getBytes(StandardCharsets.US_ASCII));
    clientOut.write(body);
    clientOut.flush();
  }

  private static void copyBody(Head head, InputStream in, OutputStream out) throws IOException {
    if (head.chunked()) {
      copyChunked(in, out);
    } else {
      copyExactly(in, out, head.contentLength().orElse(0L));
    }
  }

  /** Copies a response body; true when it is delimited by the connection closing. */
  private static boolean copyResponseBody(
      String method, Head response, InputStream in, OutputStream out) throws IOException {
    int status = response.status();
    if (method.equals("HEAD") || status < 200 || status == 204 || status == 304) {
      return false;
    }
    if (response.chunked()) {
      copyChunked(in, out);
      return false;
    }
    Optional<Long> length = response.contentLength();
    if (length.isPresent()) {
      copyExactly(in, out, length.get());
      return false;
    }
    in.transferTo(out);
    return true;
  }

  private static void copyExactly(InputStream in, OutputStream out, long length)
      throws IOException {
    byte[] buffer = new byte[BUFFER];
    long left = length;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new EOFException("body ended " + left + " bytes early");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static void copyChunked(InputStream in, OutputStream out) throws IOException {
    while (true) {
      String sizeLine = readLine(in);
      out.write((sizeLine + "\r\n").getBytes(StandardCharsets.US_ASCII));
      int semicolon = sizeLine.indexOf(';');
      String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
      long size = Long.parseLong(hex, 16);
      if (size == 0) {
        // Trailers, then an empty line.
        String line;
        do {
          line = readLine(in);
          out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        } while (!line.isEmpty());
        return;
      }
      copyExactly(in, out, size + 2); // the data and its CRLF
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
          length--;
        }
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
      }
      if (line.size() > MAX_HEAD) {
        throw new IOException("line too long");
      }
      line.write(b);
    }
    throw new EOFException("connection closed in a line");
  }

  /** A request or response head: start line and headers, kept as the exact bytes received. */
  private record Head(byte[] bytes, String startLine, Map<String, String> headers) {

    static Optional<Head> read(InputStream in) throws IOException {
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      int matched = 0; // of "\r\n\r\n"
      int b;
      while ((b = in.read()) >= 0) {
        raw.write(b);
        matched =
            switch (matched) {
              case 0, 2 -> b == '\r' ? matched + 1 : 0;
              case 1, 3 -> b == '\n' ? matched + 1 : (b == '\r' ? 1 : 0);
              default -> throw new IllegalStateException("matched " + matched);
            };
        if (matched == 4) {
          return Optional.of(parse(raw.toByteArray()));
        }
        if (raw.size() > MAX_HEAD) {
          throw new IOException("HTTP head too long");
        }
      }
      if (raw.size() == 0) {
        return Optional.empty();
      }
      throw new EOFException("connection closed in an HTTP head");
    }

    private static Head parse(byte[] bytes) {
      String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\r\n");
      Map<String, String> headers = new ConcurrentHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.put(
              lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
              lines[i].substring(colon + 1).trim());
        }
      }
      return new Head(bytes, lines[0], headers);
    }

    int status() {
      String[] parts = startLine.split(" ", 3);
      return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    }

    boolean chunked() {
      return headers
          .getOrDefault("transfer-encoding", "")
          .toLowerCase(Locale.ROOT)
          .contains("chunked");
    }

    Optional<Long> contentLength() {
      String value = headers.get("content-length");
      return value == null ? Optional.empty() : Optional.of(Long.parseLong(value));
    }

    boolean expectsContinue() {
      return headers.getOrDefault("expect", "").equalsIgnoreCase("100-continue");
    }

    boolean closes() {
      return headers.getOrDefault("connection", "").equalsIgnoreCase("close");
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Already broken.
    }
  }

  @Override
  public String toString() {
    return "S3FaultProxy[" + endpoint() + " -> http://" + upstreamHost + ":" + upstreamPort + "]";
  }
}
