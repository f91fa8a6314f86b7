package dev.sluice.e2e;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which of some processes owns a local TCP connection, from Linux's /proc: the socket's inode in
 * /proc/net/tcp{,6}, then a file descriptor naming it under /proc/PID/fd.
 */
final class SocketOwner {
  private SocketOwner() {}

  /**
   * The pid among {@code candidates} holding the connection from {@code localPort} to {@code
   * remotePort}.
   */
  static Optional<Long> find(int localPort, int remotePort, List<Long> candidates) {
    Optional<String> inode = inode(localPort, remotePort);
    if (inode.isEmpty()) {
      return Optional.empty();
    }
    String target = "socket:[" + inode.get() + "]";
    for (long pid : candidates) {
      try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", pid + "", "fd"))) {
        for (Path fd : fds) {
          try {
            if (Files.readSymbolicLink(fd).toString().equals(target)) {
              return Optional.of(pid);
            }
          } catch (IOException e) {
            // The descriptor closed meanwhile.
          }
        }
      } catch (IOException e) {
        // The process is gone.
      }
    }
    return Optional.empty();
  }

  private static Optional<String> inode(int localPort, int remotePort) {
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines;
      try {
        lines = Files.readAllLines(Path.of(table));
      } catch (IOException e) {
        continue;
      }
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length > 9
            && port(fields[1]) == localPort
            && port(fields[2]) == remotePort
            && !fields[9].equals("0")) {
          return Optional.of(fields[9]);
        }
      }
    }
    return Optional.empty();
  }

  private static int port(String address) {
    return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
  }
}
