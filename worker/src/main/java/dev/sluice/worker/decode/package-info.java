/**
 * Decoding of Kafka record values into Arrow vectors: the first stage of a task's data path (Kafka
 * → <b>decode</b> → derived columns and WHERE → Parquet).
 *
 * <ul>
 *   <li>{@link dev.sluice.worker.decode.SourceColumns} says which fields a record has (the job's
 *       {@code COLUMNS} list, or the table's columns), what type each is decoded into and which are
 *       needed at all.
 *   <li>{@link dev.sluice.worker.decode.SourceBatch} holds one Arrow vector per needed source
 *       column and is reused from batch to batch.
 *   <li>{@link dev.sluice.worker.decode.RecordDecoders} creates a {@link
 *       dev.sluice.worker.decode.RecordDecoder} for CSV or JSON from the job's properties.
 * </ul>
 *
 * <p>A record that cannot be decoded or converted is an error row: it is handed to a {@link
 * dev.sluice.worker.decode.RejectSink} with a reason and never throws out of the decoder. Decoders
 * are built for the hot path: no per-record strings, maps, boxing or streams for CSV fields and
 * numeric values, and scratch buffers owned by the decoder, which is why a decoder is used by one
 * thread at a time.
 */
package dev.sluice.worker.decode;
