package dev.sluice.worker.task;

import dev.sluice.api.lease.StorageLocation;
import dev.sluice.storage.objectstore.LocalObjectStore;
import dev.sluice.storage.objectstore.ObjectStore;
import dev.sluice.storage.objectstore.S3ObjectStore;
import dev.sluice.storage.objectstore.S3Settings;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Object stores for the locations leases name, one per location (without the key prefix) for the
 * worker's lifetime: an S3 client holds connection pools and upload threads worth reusing.
 */
public final class ObjectStores implements AutoCloseable {
  private final Map<StorageLocation, ObjectStore> stores = new ConcurrentHashMap<>();

  public ObjectStore forLocation(StorageLocation location) {
    return stores.computeIfAbsent(location.toBuilder().clearPrefix().build(), ObjectStores::open);
  }

  private static ObjectStore open(StorageLocation location) {
    return switch (location.getKind()) {
      case "local" -> new LocalObjectStore(Path.of(location.getRoot()));
      case "s3" ->
          new S3ObjectStore(
              S3Settings.compatible(
                      location.getEndpoint(),
                      location.getRegion(),
                      location.getBucket(),
                      location.getAccessKey(),
                      location.getSecretKey())
                  .withPathStyleAccess(location.getPathStyle()));
      default -> throw new IllegalArgumentException("unknown storage kind: " + location.getKind());
    };
  }

  /** A URL for a key, as shown in ErrorLogUrls. */
  static String url(StorageLocation location, String key) {
    return switch (location.getKind()) {
      case "local" -> Path.of(location.getRoot()).resolve(key).toUri().toString();
      default -> "s3://" + location.getBucket() + "/" + key;
    };
  }

  @Override
  public void close() {
    stores.values().forEach(ObjectStore::close);
    stores.clear();
  }
}
