package dev.sluice.storage.objectstore;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** What a listing or a stat says about one object. */
public record ObjectInfo(String key, long size, Instant lastModified) {

  public ObjectInfo {
    requireNonNull(key, "key is null");
    requireNonNull(lastModified, "lastModified is null");
    if (size < 0) {
      throw new IllegalArgumentException("size is negative: " + size);
    }
  }
}
