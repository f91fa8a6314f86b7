package dev.sluice.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates for a test broker's TLS listeners, made fresh by the JDK's {@code keytool}: a CA, a
 * server certificate for 127.0.0.1 and a client certificate, both signed by the CA. Everything is
 * PEM text, as Kafka's in-memory PEM settings and CREATE FILE take it; keys are unencrypted PKCS#8.
 *
 * @param caCertificate the CA's certificate, for trust stores
 * @param serverCertificateChain the server's certificate followed by the CA's
 * @param serverKey the server's private key
 * @param clientCertificate the client's certificate (for mutual TLS)
 * @param clientKey the client's private key
 */
public record KafkaTls(
    String caCertificate,
    String serverCertificateChain,
    String serverKey,
    String clientCertificate,
    String clientKey) {
  private static final String STORE_PASSWORD = "sluice-test";
  private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

  public KafkaTls {
    requireNonNull(caCertificate, "caCertificate is null");
    requireNonNull(serverCertificateChain, "serverCertificateChain is null");
    requireNonNull(serverKey, "serverKey is null");
    requireNonNull(clientCertificate, "clientCertificate is null");
    requireNonNull(clientKey, "clientKey is null");
  }

  /** Generates the CA and both certificates in {@code dir} (a scratch directory). */
  public static KafkaTls generate(Path dir) {
    ServerFiles.createDirectories(dir);
    genKeyPair(dir, "ca", "CN=Sluice Test CA", "bc:c");
    keytool(dir, "-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-rfc", "-file", "ca.pem");
    String ca = read(dir.resolve("ca.pem"));
    String server =
        signedCertificate(dir, "server", "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost");
    String client = signedCertificate(dir, "client", "CN=sluice-client", "KU=digitalSignature");
    return new KafkaTls(
        ca, server + ca, privateKeyPem(dir, "server"), client, privateKeyPem(dir, "client"));
  }

  private static String signedCertificate(Path dir, String alias, String dname, String ext) {
    genKeyPair(dir, alias, dname, "KU=digitalSignature,keyEncipherment");
    keytool(dir, "-certreq", "-alias", alias, "-keystore", alias + ".p12", "-file", alias + ".csr");
    keytool(
        dir,
        "-gencert",
        "-alias",
        "ca",
        "-keystore",
        "ca.p12",
        "-infile",
        alias + ".csr",
        "-outfile",
        alias + ".pem",
        "-rfc",
        "-validity",
        "7",
        "-ext",
        ext);
    return read(dir.resolve(alias + ".pem"));
  }

  private static void genKeyPair(Path dir, String alias, String dname, String ext) {
    keytool(
        dir,
        "-genkeypair",
        "-alias",
        alias,
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        dname,
        "-validity",
        "7",
        "-ext",
        ext,
        "-keystore",
        alias + ".p12",
        "-storetype",
        "PKCS12");
  }

  private static String privateKeyPem(Path dir, String alias) {
    try (InputStream in = Files.newInputStream(dir.resolve(alias + ".p12"))) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, STORE_PASSWORD.toCharArray());
      byte[] pkcs8 = store.getKey(alias, STORE_PASSWORD.toCharArray()).getEncoded();
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8)
          + "\n-----END PRIVATE KEY-----\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the key of " + alias, e);
    }
  }

  private static void keytool(Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD, "-noprompt"));
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("keytool.log").toFile())
              .start();
      if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("keytool " + args[0] + " did not finish");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "keytool " + String.join(" ", args) + " failed: " + read(dir.resolve("keytool.log")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run keytool", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running keytool", e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
