package dev.sluice.storage.objectstore;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Optional;

/**
 * Where and how {@link S3ObjectStore} talks to an S3 API server.
 *
 * @param bucket the bucket holding every object
 * @param keyPrefix prepended to every key, so one bucket can hold several stores; empty or ending
 *     with '/'
 * @param endpoint the server's URL for S3-compatible servers (MinIO, S3Proxy, ...); empty for AWS
 * @param region the signing region; any value for most S3-compatible servers
 * @param pathStyleAccess {@code http://host/bucket/key} instead of {@code http://bucket.host/key};
 *     most S3-compatible servers need it
 * @param credentials static credentials, or empty for the AWS default provider chain (environment,
 *     system properties, profile files, container and instance roles)
 * @param partSize multipart upload part size in bytes, at least 5 MiB (the S3 minimum); objects
 *     smaller than one part are sent with a single PUT
 * @param partsInFlight parts of one upload sent concurrently; an upload buffers at most {@code
 *     (partsInFlight + 1) * partSize} bytes
 * @param uploadThreads threads shared by all uploads of the store for sending parts
 * @param maxConnections HTTP connection pool size
 * @param checksums whether the client adds CRC32 checksums to uploads (the SDK default); turn off
 *     for S3-compatible servers that reject checksum headers or trailers
 */
public record S3Settings(
    String bucket,
    String keyPrefix,
    Optional<URI> endpoint,
    String region,
    boolean pathStyleAccess,
    Optional<S3Credentials> credentials,
    int partSize,
    int partsInFlight,
    int uploadThreads,
    int maxConnections,
    boolean checksums) {

  public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
  public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;

  public S3Settings {
    requireNonNull(bucket, "bucket is null");
    requireNonNull(keyPrefix, "keyPrefix is null");
    requireNonNull(endpoint, "endpoint is null");
    requireNonNull(region, "region is null");
    requireNonNull(credentials, "credentials is null");
    if (bucket.isBlank()) {
      throw new IllegalArgumentException("bucket is blank");
    }
    if (!keyPrefix.isEmpty()) {
      ObjectKeys.checkPrefix(keyPrefix);
      if (!keyPrefix.endsWith("/")) {
        throw new IllegalArgumentException("keyPrefix does not end with '/': " + keyPrefix);
      }
    }
    if (region.isBlank()) {
      throw new IllegalArgumentException("region is blank");
    }
    if (partSize < MIN_PART_SIZE) {
      throw new IllegalArgumentException(
          "partSize is below the S3 minimum of " + MIN_PART_SIZE + ": " + partSize);
    }
    if (partsInFlight < 1) {
      throw new IllegalArgumentException("partsInFlight is below 1: " + partsInFlight);
    }
    if (uploadThreads < 1) {
      throw new IllegalArgumentException("uploadThreads is below 1: " + uploadThreads);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections is below 1: " + maxConnections);
    }
  }

  /** AWS S3 in {@code region} with the default credentials chain and default sizes. */
  public static S3Settings of(String bucket, String region) {
    return new S3Settings(
        bucket,
        "",
        Optional.empty(),
        region,
        false,
        Optional.empty(),
        DEFAULT_PART_SIZE,
        2,
        8,
        64,
        true);
  }

  /** An S3-compatible server at {@code endpoint}, path-style, with static credentials. */
  public static S3Settings compatible(
      String endpoint, String region, String bucket, String accessKey, String secretKey) {
    return of(bucket, region)
        .withEndpoint(URI.create(endpoint))
        .withPathStyleAccess(true)
        .withCredentials(new S3Credentials(accessKey, secretKey));
  }

  public S3Settings withKeyPrefix(String keyPrefix) {
    return new S3Settings(
        bucket,
        keyPrefix,
        endpoint,
        region,
        pathStyleAccess,
        credentials,
        partSize,
        partsInFlight,
        uploadThreads,
        maxConnections,
        checksums);
  }

  public S3Settings withEndpoint(URI endpoint) {
    return new S3Settings(
        bucket,
        keyPrefix,
        Optional.of(endpoint),
        region,
        pathStyleAccess,
        credentials,
        partSize,
        partsInFlight,
        uploadThreads,
        maxConnections,
        checksums);
  }

  public S3Settings withPathStyleAccess(boolean pathStyleAccess) {
    return new S3Settings(
        bucket,
        keyPrefix,
        endpoint,
        region,
        pathStyleAccess,
        credentials,
        partSize,
        partsInFlight,
        uploadThreads,
        maxConnections,
        checksums);
  }

  public S3Settings withCredentials(S3Credentials credentials) {
    return new S3Settings(
        bucket,
        keyPrefix,
        endpoint,
        region,
        pathStyleAccess,
        Optional.of(credentials),
        partSize,
        partsInFlight,
        uploadThreads,
        maxConnections,
        checksums);
  }

  public S3Settings withPartSize(int partSize) {
    return new S3Settings(
        bucket,
        keyPrefix,
        endpoint,
        region,
        pathStyleAccess,
        credentials,
        partSize,
        partsInFlight,
        uploadThreads,
        maxConnections,
        checksums);
  }

  public S3Settings withPartsInFlight(int partsInFlight) {
    return new S3Settings(
        bucket,
        keyPrefix,
        endpoint,
        region,
        pathStyleAccess,
        credentials,
        partSize,
        partsInFlight,
        uploadThreads,
        maxConnections,
        checksums);
  }

  public S3Settings withUploadThreads(int uploadThreads) {
    return new S3Settings(
        bucket,
        keyPrefix,
        endpoint,
        region,
        pathStyleAccess,
        credentials,
        partSize,
        partsInFlight,
        uploadThreads,
        maxConnections,
        checksums);
  }

  public S3Settings withMaxConnections(int maxConnections) {
    return new S3Settings(
        bucket,
        keyPrefix,
        endpoint,
        region,
        pathStyleAccess,
        credentials,
        partSize,
        partsInFlight,
        uploadThreads,
        maxConnections,
        checksums);
  }

  public S3Settings withChecksums(boolean checksums) {
    return new S3Settings(
        bucket,
        keyPrefix,
        endpoint,
        region,
        pathStyleAccess,
        credentials,
        partSize,
        partsInFlight,
        uploadThreads,
        maxConnections,
        checksums);
  }
}
