package dev.sluice.controlplane.gc;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.UUID;

/**
 * An object a worker attempt wrote under a table prefix: a tablet {@code <prefix>/[partition
 * path/]<attempt>-<bucket>-<n>.parquet} or a rejected-record log {@code
 * <prefix>/_rejected/<attempt>.log}. Any other key is not ours to judge, so {@link #parse} leaves
 * it out and the collector never deletes it.
 */
record AttemptFile(String key, UUID attemptId, Kind kind) {
  /** What the attempt wrote. */
  enum Kind {
    TABLET,
    REJECTED_LOG
  }

  private static final String REJECTED_DIR = "_rejected/";
  private static final String TABLET_SUFFIX = ".parquet";
  private static final String LOG_SUFFIX = ".log";
  private static final int UUID_LENGTH = 36;

  AttemptFile {
    requireNonNull(key, "key is null");
    requireNonNull(attemptId, "attemptId is null");
    requireNonNull(kind, "kind is null");
  }

  /** Recognizes {@code key} as an attempt's file under {@code tablePrefix}, or empty. */
  static Optional<AttemptFile> parse(String tablePrefix, String key) {
    String dir = tablePrefix + "/";
    if (!key.startsWith(dir)) {
      return Optional.empty();
    }
    String rest = key.substring(dir.length());
    if (rest.startsWith(REJECTED_DIR)) {
      String name = rest.substring(REJECTED_DIR.length());
      if (name.length() != UUID_LENGTH + LOG_SUFFIX.length() || !name.endsWith(LOG_SUFFIX)) {
        return Optional.empty();
      }
      return uuid(name.substring(0, UUID_LENGTH))
          .map(attempt -> new AttemptFile(key, attempt, Kind.REJECTED_LOG));
    }
    String name = rest.substring(rest.lastIndexOf('/') + 1);
    if (!name.endsWith(TABLET_SUFFIX)
        || name.length() <= UUID_LENGTH + 1
        || name.charAt(UUID_LENGTH) != '-') {
      return Optional.empty();
    }
    return uuid(name.substring(0, UUID_LENGTH))
        .map(attempt -> new AttemptFile(key, attempt, Kind.TABLET));
  }

  private static Optional<UUID> uuid(String text) {
    try {
      UUID parsed = UUID.fromString(text);
      // fromString accepts shortened groups; only the canonical form is an attempt id.
      return parsed.toString().equals(text) ? Optional.of(parsed) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
