package dev.sluice.worker.task;

import dev.sluice.api.lease.StorageLocation;
import dev.sluice.storage.objectstore.ObjectStore;
import dev.sluice.storage.objectstore.StoreLocation;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Object stores for the locations leases name, one per location (without the key prefix) for the
 * worker's lifetime: an S3 client holds connection pools and upload threads worth reusing.
 */
public final class ObjectStores implements AutoCloseable {
  private final Map<StoreLocation, ObjectStore> stores = new ConcurrentHashMap<>();

  public ObjectStore forLocation(StorageLocation location) {
    return stores.computeIfAbsent(of(location), StoreLocation::open);
  }

  static StoreLocation of(StorageLocation location) {
    return new StoreLocation(
        location.getKind().equals("local") ? StoreLocation.Kind.LOCAL : StoreLocation.Kind.S3,
        location.getRoot(),
        location.getEndpoint(),
        location.getRegion(),
        location.getBucket(),
        location.getAccessKey(),
        location.getSecretKey(),
        location.getPathStyle());
  }

  /** A URL for a key, as shown in ErrorLogUrls. */
  static String url(StorageLocation location, String key) {
    return of(location).url(key);
  }

  @Override
  public void close() {
    stores.values().forEach(ObjectStore::close);
    stores.clear();
  }
}
