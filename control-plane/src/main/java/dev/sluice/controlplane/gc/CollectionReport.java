package dev.sluice.controlplane.gc;

/**
 * What one collection did: objects listed and deleted, abandoned multipart uploads aborted. {@code
 * ran} is false when another replica held the collector's lock, in which case nothing was listed,
 * deleted or aborted. {@code failedVolumes} counts storage volumes that could not be listed or
 * cleaned; the others were collected all the same.
 */
public record CollectionReport(
    boolean ran, int tables, int failedVolumes, long listed, long deleted, long aborted) {
  static CollectionReport skipped() {
    return new CollectionReport(false, 0, 0, 0, 0, 0);
  }
}
