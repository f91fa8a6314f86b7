package dev.sluice.controlplane.gc;

/**
 * What one collection did. {@code ran} is false when another replica held the collector's lock, in
 * which case nothing was listed or deleted.
 */
public record CollectionReport(boolean ran, int tables, long listed, long deleted) {
  static CollectionReport skipped() {
    return new CollectionReport(false, 0, 0, 0);
  }
}
