package dev.sluice.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * An S3 API server: S3Proxy in a child JVM, storing objects as files under {@code data/} in its
 * directory. Requests must be signed (v2 or v4) with this server's access key and secret.
 */
public final class S3ProxyServer implements AutoCloseable {

  static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
  private static final String REGION = "us-east-1";

  private static S3ProxyServer shared;

  private final Path home;
  private final int port;
  private final String accessKey;
  private final String secretKey;
  private final boolean temporary; // true only for shared()
  private final Path log;
  private volatile Process process;
  private boolean closed;

  private S3ProxyServer(
      Path home, int port, String accessKey, String secretKey, boolean temporary) {
    this.home = home;
    this.port = port;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.temporary = temporary;
    this.log = home.resolve("s3proxy.log");
    // A child JVM outlives ours unless someone kills it.
    Runtime.getRuntime().addShutdownHook(new Thread(this::onJvmExit, "sluice-s3proxy-stop"));
  }

  /**
   * One server per JVM on a free port in a temporary directory; access key {@code sluice-test}, a
   * fresh random secret per JVM.
   */
  public static synchronized S3ProxyServer shared() {
    if (shared == null) {
      S3ProxyServer server =
          new S3ProxyServer(
              ServerFiles.tempDirectory("sluice-s3proxy-"),
              FreePort.find(),
              "sluice-test",
              randomSecret(),
              true);
      server.launch();
      shared = server;
    }
    return shared;
  }

  /** A server whose objects live in {@code dataDir} and survive restarts; port 0 picks one. */
  public static S3ProxyServer start(Path dataDir, int port, String accessKey, String secretKey) {
    ServerFiles.createDirectories(dataDir);
    S3ProxyServer server =
        new S3ProxyServer(dataDir, port == 0 ? FreePort.find() : port, accessKey, secretKey, false);
    server.launch();
    return server;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  public String region() {
    return REGION;
  }

  /** The directory holding {@code data/} (one subdirectory per bucket) and {@code s3proxy.log}. */
  public Path directory() {
    return home;
  }

  /** The jar this class runs; see {@code sluice-servers.properties}. */
  public static Path jar() {
    return S3ProxyJar.locate();
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Creates the bucket unless this server already has it. */
  public void createBucket(String bucket) {
    S3Requests.Response response = S3Requests.put(endpoint(), accessKey, secretKey, "/" + bucket);
    boolean ours = response.status() == 409 && response.body().contains("BucketAlreadyOwnedByYou");
    if (response.status() != 200 && !ours) {
      throw new IllegalStateException(
          "cannot create bucket " + bucket + ": HTTP " + response.status() + " " + response.body());
    }
  }

  /** Stops the server process; the objects stay on disk. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Starts the server again on the same port with the same objects. */
  public synchronized void restart() {
    if (closed) {
      throw new IllegalStateException("closed: " + this);
    }
    stop();
    launch();
  }

  /**
   * Stops the server for good, keeping its objects. Does nothing on the shared server: other tests
   * in the JVM still use it, and the shutdown hook stops it.
   */
  @Override
  public synchronized void close() {
    if (!temporary) {
      stop();
      closed = true;
    }
  }

  private synchronized void launch() {
    FreePort.requireFree(port, "S3Proxy");
    Path data = ServerFiles.createDirectories(home.resolve("data"));
    Path config = writeConfig(data);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Small and quick to start: it is a test server sharing two cores with everything else.
    command.add("-Xmx256m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Djava.io.tmpdir=" + ServerFiles.createDirectories(home.resolve("tmp")));
    command.add("-jar");
    command.add(S3ProxyJar.locate().toString());
    command.add("--properties");
    command.add(config.toString());
    try {
      appendToLog("---- starting S3Proxy on " + endpoint() + "\n");
      process =
          new ProcessBuilder(command)
              .directory(home.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
    awaitReady();
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw startFailure("exited with code " + process.exitValue());
      }
      if (S3Requests.answers(endpoint())) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop();
        throw new IllegalStateException("interrupted while starting " + this, e);
      }
    }
    stop();
    throw startFailure("did not answer within " + STARTUP_TIMEOUT.toSeconds() + " s");
  }

  private IllegalStateException startFailure(String what) {
    return new IllegalStateException(
        "S3Proxy on " + endpoint() + " " + what + "\n" + ServerFiles.tail(log, 40));
  }

  private Path writeConfig(Path data) {
    Properties p = new Properties();
    p.setProperty("s3proxy.endpoint", endpoint());
    p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
    p.setProperty("s3proxy.identity", accessKey);
    p.setProperty("s3proxy.credential", secretKey);
    p.setProperty("jclouds.provider", "filesystem-nio2");
    p.setProperty("jclouds.filesystem.basedir", data.toString());
    p.setProperty("jclouds.identity", accessKey);
    p.setProperty("jclouds.credential", secretKey);
    Path config = home.resolve("s3proxy.properties");
    try (OutputStream out = Files.newOutputStream(config)) {
      p.store(out, "written by " + S3ProxyServer.class.getName() + " on every start");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + config, e);
    }
    return config;
  }

  private void appendToLog(String line) throws IOException {
    Files.writeString(
        log,
        line,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }

  private void onJvmExit() {
    Process p = process;
    if (p != null) {
      // Politely first: a write under way finishes, so a persistent store stays whole.
      p.destroy();
      try {
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    if (temporary) {
      ServerFiles.deleteQuietly(home);
    }
  }

  private static String randomSecret() {
    byte[] bytes = new byte[20];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public String toString() {
    return "S3ProxyServer[" + endpoint() + ", " + home + "]";
  }
}
