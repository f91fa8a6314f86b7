package dev.sluice.storage.objectstore;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where an object store lives, as a lease or a storage volume names it: an S3 bucket on an endpoint
 * with credentials, or a local directory. {@link #open()} connects to it.
 */
public record StoreLocation(
    Kind kind,
    String root,
    String endpoint,
    String region,
    String bucket,
    String accessKey,
    String secretKey,
    boolean pathStyle) {

  /** The two backends. */
  public enum Kind {
    S3,
    LOCAL
  }

  public StoreLocation {
    requireNonNull(kind, "kind is null");
    requireNonNull(root, "root is null");
    requireNonNull(endpoint, "endpoint is null");
    requireNonNull(region, "region is null");
    requireNonNull(bucket, "bucket is null");
    requireNonNull(accessKey, "accessKey is null");
    requireNonNull(secretKey, "secretKey is null");
  }

  public static StoreLocation local(String root) {
    return new StoreLocation(Kind.LOCAL, root, "", "", "", "", "", false);
  }

  public ObjectStore open() {
    return switch (kind) {
      case LOCAL -> new LocalObjectStore(Path.of(root));
      case S3 -> {
        S3Settings settings = S3Settings.of(bucket, region.isEmpty() ? "us-east-1" : region);
        if (!endpoint.isEmpty()) {
          settings = settings.withEndpoint(URI.create(endpoint));
        }
        if (!accessKey.isEmpty()) {
          settings = settings.withCredentials(new S3Credentials(accessKey, secretKey));
        }
        yield new S3ObjectStore(settings.withPathStyleAccess(pathStyle));
      }
    };
  }

  /** A URL for a key, as users see it (ErrorLogUrls). */
  public String url(String key) {
    return switch (kind) {
      case LOCAL -> Path.of(root).resolve(key).toUri().toString();
      case S3 -> "s3://" + bucket + "/" + key;
    };
  }
}
