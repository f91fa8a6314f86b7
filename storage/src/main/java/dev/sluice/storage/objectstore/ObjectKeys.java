package dev.sluice.storage.objectstore;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * The keys every backend accepts: relative slash-separated paths without empty, {@code .} or {@code
 * ..} segments, backslashes or control characters, at most 1024 UTF-8 bytes (the S3 limit). The
 * same key must mean the same object on S3 and in a local directory, and a key must never escape
 * the local store's root.
 */
public final class ObjectKeys {

  /** S3's limit on a key's length in UTF-8 bytes. */
  public static final int MAX_KEY_BYTES = 1024;

  private ObjectKeys() {}

  /**
   * Returns {@code key} if it is a valid object key, else throws {@link IllegalArgumentException}.
   */
  public static String checkKey(String key) {
    requireNonNull(key, "key is null");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("key is empty");
    }
    if (key.endsWith("/")) {
      throw new IllegalArgumentException("key ends with '/': " + key);
    }
    checkPath(key, "key", true);
    return key;
  }

  /**
   * Returns {@code prefix} if it can prefix keys: empty, or a key's beginning, possibly ending with
   * '/' or in the middle of a segment.
   */
  public static String checkPrefix(String prefix) {
    requireNonNull(prefix, "prefix is null");
    if (!prefix.isEmpty()) {
      checkPath(prefix, "prefix", false);
    }
    return prefix;
  }

  private static void checkPath(String path, String what, boolean lastSegmentComplete) {
    if (path.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw new IllegalArgumentException(what + " is longer than " + MAX_KEY_BYTES + " bytes");
    }
    if (path.startsWith("/")) {
      throw new IllegalArgumentException(what + " starts with '/': " + path);
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\') {
        throw new IllegalArgumentException(
            what + " contains a control character or backslash at index " + i + ": " + path);
      }
    }
    int start = 0;
    while (start <= path.length()) {
      int slash = path.indexOf('/', start);
      boolean last = slash < 0;
      int end = last ? path.length() : slash;
      String segment = path.substring(start, end);
      if (!last || lastSegmentComplete) {
        if (segment.isEmpty() && !last) {
          throw new IllegalArgumentException(what + " has an empty segment: " + path);
        }
        if (segment.equals(".") || segment.equals("..")) {
          throw new IllegalArgumentException(what + " has a '" + segment + "' segment: " + path);
        }
      }
      if (last) {
        break;
      }
      start = slash + 1;
    }
  }
}
