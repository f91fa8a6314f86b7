package dev.sluice.storage.objectstore;

import static java.util.Objects.requireNonNull;

/** A static access key and secret. {@link #toString()} hides the secret. */
public record S3Credentials(String accessKey, String secretKey) {

  public S3Credentials {
    requireNonNull(accessKey, "accessKey is null");
    requireNonNull(secretKey, "secretKey is null");
    if (accessKey.isBlank()) {
      throw new IllegalArgumentException("accessKey is blank");
    }
  }

  @Override
  public String toString() {
    return "S3Credentials[accessKey=" + accessKey + ", secretKey=***]";
  }
}
