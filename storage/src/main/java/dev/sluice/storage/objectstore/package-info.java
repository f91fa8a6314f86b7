/**
 * Object stores: the {@link dev.sluice.storage.objectstore.ObjectStore} interface, its S3 API and
 * local directory backends, and the exceptions they throw.
 *
 * <p>Keys are relative slash-separated paths such as {@code tables/7/data/p1/b3/000123.parquet};
 * see {@link dev.sluice.storage.objectstore.ObjectKeys} for what is accepted.
 */
package dev.sluice.storage.objectstore;
