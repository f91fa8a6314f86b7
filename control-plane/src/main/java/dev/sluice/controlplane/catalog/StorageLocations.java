package dev.sluice.controlplane.catalog;

import dev.sluice.api.lease.StorageLocation;
import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import dev.sluice.storage.objectstore.StoreLocation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * Turns a storage volume into the object store its tables live in, and a worker's lease location.
 */
public final class StorageLocations {
  private StorageLocations() {}

  /**
   * Checks a LOCATIONS entry: {@code s3://bucket[/prefix]} for S3, {@code file:///directory} for
   * LOCAL.
   */
  public static URI parse(String type, String location) {
    URI uri;
    try {
      uri = new URI(location);
    } catch (URISyntaxException e) {
      throw invalid(location, e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    if (type.equals("S3") && !(scheme.equals("s3") && uri.getHost() != null)) {
      throw invalid(location, "an S3 location looks like s3://bucket/prefix");
    }
    if (type.equals("LOCAL") && !(scheme.equals("file") && uri.getPath() != null)) {
      throw invalid(location, "a LOCAL location looks like file:///directory");
    }
    return uri;
  }

  /** The object store of a volume's first location: the bucket, or the directory. */
  public static StoreLocation store(StorageVolume volume) {
    URI uri = parse(volume.type(), volume.locations().get(0));
    if (volume.type().equals("LOCAL")) {
      return StoreLocation.local(uri.getPath());
    }
    Map<String, String> p = volume.properties();
    String endpoint = p.getOrDefault("aws.s3.endpoint", "");
    if (!endpoint.isEmpty() && !endpoint.contains("://")) {
      endpoint = "http://" + endpoint;
    }
    return new StoreLocation(
        StoreLocation.Kind.S3,
        "",
        endpoint,
        p.getOrDefault("aws.s3.region", "us-east-1"),
        uri.getHost(),
        p.getOrDefault("aws.s3.access_key", ""),
        p.getOrDefault("aws.s3.secret_key", ""),
        Boolean.parseBoolean(p.getOrDefault("aws.s3.enable_path_style_access", "true")));
  }

  /**
   * Where a table's files go, as a lease hands it to a worker: the volume's store and {@link
   * #tablePrefix}.
   */
  public static StorageLocation forTable(StorageVolume volume, ClusterId cluster, long tableId) {
    StoreLocation store = store(volume);
    return StorageLocation.newBuilder()
        .setKind(store.kind() == StoreLocation.Kind.LOCAL ? "local" : "s3")
        .setRoot(store.root())
        .setEndpoint(store.endpoint())
        .setRegion(store.region())
        .setBucket(store.bucket())
        .setAccessKey(store.accessKey())
        .setSecretKey(store.secretKey())
        .setPathStyle(store.pathStyle())
        .setPrefix(tablePrefix(volume, cluster, tableId))
        .build();
  }

  /**
   * The one place that names where a table's files live: {@code <volume prefix>/<cluster
   * id>/tables/<table id>} (the volume prefix only on S3). The cluster id keeps two installations
   * on one bucket and prefix apart, as their table ids collide (decision 0045); the worker names
   * every file it writes under this prefix, and the orphan collector lists only under it.
   */
  public static String tablePrefix(StorageVolume volume, ClusterId cluster, long tableId) {
    String tablePath = cluster + "/tables/" + tableId;
    return volume.type().equals("LOCAL")
        ? tablePath
        : join(parse(volume.type(), volume.locations().get(0)).getPath(), tablePath);
  }

  private static String join(String base, String child) {
    String trimmed = base == null ? "" : base.replaceAll("^/+|/+$", "");
    return trimmed.isEmpty() ? child : trimmed + "/" + child;
  }

  private static SluiceException invalid(String location, String why) {
    return new SluiceException(
        ErrorCode.INVALID_ARGUMENT, "Invalid location '" + location + "': " + why);
  }
}
