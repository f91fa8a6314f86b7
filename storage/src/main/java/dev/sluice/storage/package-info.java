/**
 * Sluice storage: object stores ({@link dev.sluice.storage.objectstore}), the table column model
 * ({@link dev.sluice.storage.schema}) and the Arrow to Parquet tablet writer ({@link
 * dev.sluice.storage.tablet}). Plain Java with no Quarkus, gRPC, Kafka or Hadoop dependency, so the
 * worker, the control plane and the CLI can all use it.
 */
package dev.sluice.storage;
