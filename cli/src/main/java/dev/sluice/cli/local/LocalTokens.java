package dev.sluice.cli.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * How {@code sluice local} tells the {@code sluice} commands of the same user its admin token: a
 * file per admin port under {@code ~/.sluice/local-tokens/}, readable by that user only, written at
 * start and removed at stop. {@code sluice sql} against 127.0.0.1 or localhost reads it when no
 * token is given, so the quick start needs no token on the command line.
 */
public final class LocalTokens {
  private static final SecureRandom RANDOM = new SecureRandom();

  private LocalTokens() {}

  /** A new random token: 32 bytes, URL-safe base64. */
  public static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static Path directory() {
    return Path.of(System.getProperty("user.home"), ".sluice", "local-tokens");
  }

  static Path file(int port) {
    return directory().resolve(Integer.toString(port));
  }

  /** Writes {@code content} to {@code file}, readable and writable by its owner only. */
  public static void writePrivate(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Path temporary =
          Files.createTempFile(
              file.getParent(),
              ".token",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(temporary, content, StandardCharsets.UTF_8);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static void write(int port, String token) {
    try {
      Files.createDirectories(
          directory(),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + directory(), e);
    }
    writePrivate(file(port), token);
  }

  static void delete(int port) {
    try {
      Files.deleteIfExists(file(port));
    } catch (IOException e) {
      // Left behind: the next start on this port overwrites it.
    }
  }

  /** The token a local stack wrote for {@code host:port}, when the host is this machine. */
  public static Optional<String> find(String host, int port) {
    if (!host.equals("127.0.0.1") && !host.equalsIgnoreCase("localhost")) {
      return Optional.empty();
    }
    Path file = file(port);
    if (!Files.isReadable(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim())
          .filter(t -> !t.isEmpty());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
