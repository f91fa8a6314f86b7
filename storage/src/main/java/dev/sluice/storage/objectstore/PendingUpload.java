package dev.sluice.storage.objectstore;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A multipart upload that was begun and neither completed nor aborted. A writer that dies in the
 * middle of a file leaves one behind; its parts stay stored, and billed, until it is aborted.
 *
 * @param key the key the upload would have created, relative to the store
 * @param uploadId the backend's id of the upload
 * @param initiated when the upload was begun
 */
public record PendingUpload(String key, String uploadId, Instant initiated) {
  public PendingUpload {
    requireNonNull(key, "key is null");
    requireNonNull(uploadId, "uploadId is null");
    requireNonNull(initiated, "initiated is null");
  }
}
