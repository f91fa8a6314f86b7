/**
 * The tablet writer: Arrow record batches of a {@link dev.sluice.storage.schema.TableSchema} in,
 * one Parquet file out, straight into any {@link java.io.OutputStream} (usually an {@link
 * dev.sluice.storage.objectstore.ObjectUpload}), without Hadoop and without a local file; plus the
 * statistics of the written file for the manifest ({@link dev.sluice.storage.tablet.TabletFile}).
 */
package dev.sluice.storage.tablet;
