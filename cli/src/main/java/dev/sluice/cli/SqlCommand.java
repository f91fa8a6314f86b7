package dev.sluice.cli;

import dev.sluice.api.admin.AdminServiceGrpc;
import dev.sluice.api.admin.ExecuteSqlRequest;
import dev.sluice.api.admin.ExecuteSqlResponse;
import dev.sluice.api.admin.ResultSet;
import dev.sluice.cli.local.LocalTokens;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice sql}: runs statements against a control plane's admin API, from {@code -e}, a file,
 * or an interactive prompt, and prints results like the mysql client.
 */
@Command(name = "sql", description = "Run SQL statements against a Sluice control plane.")
final class SqlCommand implements Callable<Integer> {
  @Option(
      names = "--server",
      defaultValue = "127.0.0.1:9090",
      description = "Control plane admin API, HOST:PORT (default: ${DEFAULT-VALUE}).")
  String server;

  @Option(
      names = "--token",
      description =
          "Admin token of the control plane (default: $SLUICE_TOKEN, or the token `sluice local`"
              + " left for this machine).")
  String token;

  @Option(
      names = "--tls-ca",
      description =
          "Speak TLS to the control plane, trusting the CA certificate(s) in this PEM file.")
  Path tlsCa;

  @Option(names = "-e", description = "Statements to run, separated by ';'.")
  String statements;

  @Option(names = "-f", description = "A file of statements to run.")
  Path file;

  @Option(
      names = {"-D", "--database"},
      description = "The database to start in.")
  String database = "";

  @Override
  public Integer call() throws IOException {
    int colon = server.lastIndexOf(':');
    if (colon < 0) {
      System.err.println("ERROR: --server must be HOST:PORT, got '" + server + "'");
      return 2;
    }
    String host = server.substring(0, colon);
    int port = Integer.parseInt(server.substring(colon + 1));
    ManagedChannel channel;
    if (tlsCa == null) {
      channel = ManagedChannelBuilder.forAddress(host, port).usePlaintext().build();
    } else {
      channel =
          Grpc.newChannelBuilderForAddress(
                  host,
                  port,
                  TlsChannelCredentials.newBuilder().trustManager(tlsCa.toFile()).build())
              .build();
    }
    try {
      AdminServiceGrpc.AdminServiceBlockingStub stub = AdminServiceGrpc.newBlockingStub(channel);
      Optional<String> bearer =
          Optional.ofNullable(token)
              .or(() -> Optional.ofNullable(System.getenv("SLUICE_TOKEN")))
              .filter(t -> !t.isBlank())
              .or(() -> LocalTokens.find(host, port));
      if (bearer.isPresent()) {
        Metadata headers = new Metadata();
        headers.put(
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
            "Bearer " + bearer.get());
        stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
      }
      Session session = new Session(stub, database);
      if (statements != null) {
        return session.run(statements) ? 0 : 1;
      }
      if (file != null) {
        return session.run(Files.readString(file, StandardCharsets.UTF_8)) ? 0 : 1;
      }
      return interactive(session);
    } finally {
      channel.shutdownNow();
    }
  }

  /** Reads statements up to a terminating ';' or \G, across lines, until end of input. */
  private static int interactive(Session session) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    StringBuilder pending = new StringBuilder();
    boolean ok = true;
    // Prompts only for a person at a terminal, not for statements piped in.
    boolean prompt = System.console() != null;
    while (true) {
      if (prompt) {
        System.out.print(pending.length() == 0 ? "sluice> " : "     -> ");
        System.out.flush();
      }
      String line = in.readLine();
      if (line == null) {
        break;
      }
      String trimmed = line.strip();
      if (pending.length() == 0
          && (trimmed.equalsIgnoreCase("exit") || trimmed.equalsIgnoreCase("quit"))) {
        break;
      }
      pending.append(line).append('\n');
      if (trimmed.endsWith(";") || trimmed.endsWith("\\G")) {
        ok &= session.run(pending.toString());
        pending.setLength(0);
      }
    }
    return ok ? 0 : 1;
  }

  /** Keeps the current database between calls, as USE changes it. */
  static final class Session {
    private final AdminServiceGrpc.AdminServiceBlockingStub admin;
    private final ResultPrinter printer = new ResultPrinter(System.out);
    private String database;

    Session(AdminServiceGrpc.AdminServiceBlockingStub admin, String database) {
      this.admin = admin;
      this.database = database;
    }

    /** Runs a script; prints its results or one error line. Returns false on error. */
    boolean run(String sql) {
      long start = System.nanoTime();
      ExecuteSqlResponse response;
      try {
        response =
            admin
                .withDeadlineAfter(60, TimeUnit.SECONDS)
                .executeSql(
                    ExecuteSqlRequest.newBuilder().setSql(sql).setDatabase(database).build());
      } catch (StatusRuntimeException e) {
        System.err.println(errorLine(e.getStatus()));
        return false;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      database = response.getDatabase();
      for (ResultSet result : response.getResultsList()) {
        printer.print(result, seconds);
      }
      return true;
    }

    static String errorLine(Status status) {
      if (status.getCode() == Status.Code.UNAVAILABLE) {
        return "ERROR: cannot reach the control plane (" + status.getDescription() + ")";
      }
      String description =
          status.getDescription() == null ? status.getCode().toString() : status.getDescription();
      if (status.getCode() == Status.Code.UNAUTHENTICATED) {
        return "ERROR " + description + "; give the admin token with --token or SLUICE_TOKEN";
      }
      return "ERROR " + description;
    }
  }
}
