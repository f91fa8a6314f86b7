package dev.sluice.controlplane.catalog;

import dev.sluice.api.lease.StorageLocation;
import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/** Turns a storage volume into the location a worker writes to. */
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

  /** The location of a table's tablets: the volume's first location plus the table id. */
  public static StorageLocation forTable(StorageVolume volume, long tableId) {
    URI uri = parse(volume.type(), volume.locations().get(0));
    String tablePath = "tables/" + tableId;
    if (volume.type().equals("LOCAL")) {
      return StorageLocation.newBuilder()
          .setKind("local")
          .setRoot(uri.getPath())
          .setPrefix(tablePath)
          .build();
    }
    Map<String, String> p = volume.properties();
    StorageLocation.Builder location =
        StorageLocation.newBuilder().setPrefix(join(uri.getPath(), tablePath));
    String endpoint = p.getOrDefault("aws.s3.endpoint", "");
    if (!endpoint.isEmpty() && !endpoint.contains("://")) {
      endpoint = "http://" + endpoint;
    }
    return location
        .setKind("s3")
        .setBucket(uri.getHost())
        .setEndpoint(endpoint)
        .setRegion(p.getOrDefault("aws.s3.region", "us-east-1"))
        .setAccessKey(p.getOrDefault("aws.s3.access_key", ""))
        .setSecretKey(p.getOrDefault("aws.s3.secret_key", ""))
        .setPathStyle(
            Boolean.parseBoolean(p.getOrDefault("aws.s3.enable_path_style_access", "true")))
        .build();
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
