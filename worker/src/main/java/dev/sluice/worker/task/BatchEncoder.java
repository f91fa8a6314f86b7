package dev.sluice.worker.task;

import dev.sluice.expr.TableExpression;
import dev.sluice.expr.TableExpressionEvaluator;
import dev.sluice.expr.TransformEvaluator;
import dev.sluice.expr.TransformResult;
import dev.sluice.worker.decode.SourceBatch;
import dev.sluice.worker.metrics.WorkerMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Turns decoded batches into tablet rows on a thread of its own, so that evaluating the transform
 * and encoding and compressing Parquet overlap decoding. For each batch it evaluates the load
 * transform (derived columns, WHERE), reports the rows that failed as error rows with their record,
 * and writes the selected rows to the sink.
 *
 * <p>Batches circulate: the decoding thread {@link #take()}s a free one, fills it and {@link
 * #submit}s it; this thread encodes it and frees it. With {@value #BATCHES} batches the decoder can
 * fill one while another is encoded, and memory stays bounded. The sink is used by this thread
 * only, until {@link #finish()} returns.
 */
final class BatchEncoder implements AutoCloseable {
  static final int BATCHES = 3;
  private static final long WAIT_MS = 100;

  private final TabletSink sink;
  private final WorkerMetrics metrics;
  private final RejectedRecords rejects;
  private final TransformEvaluator transform;
  private final List<TableExpressionEvaluator> partitions = new ArrayList<>();
  private final List<DecodedBatch> batches = new ArrayList<>();
  private final BlockingQueue<DecodedBatch> free = new ArrayBlockingQueue<>(BATCHES);
  private final BlockingQueue<DecodedBatch> full = new ArrayBlockingQueue<>(BATCHES);
  private final Thread thread;
  private volatile boolean finishing;
  private volatile Throwable failure;
  // Written by the encoding thread, read after finish() has joined it.
  private long loaded;
  private long unselected;

  BatchEncoder(
      TaskPlan plan,
      BufferAllocator allocator,
      int batchRows,
      TabletSink sink,
      RejectedRecords rejects,
      WorkerMetrics metrics,
      String name) {
    this.metrics = metrics;
    this.sink = sink;
    this.rejects = rejects;
    this.transform = plan.transform().open(allocator);
    try {
      for (TableExpression expression : plan.partitionBy()) {
        partitions.add(expression.open(allocator));
      }
      for (int i = 0; i < BATCHES; i++) {
        DecodedBatch batch = new DecodedBatch(new SourceBatch(plan.source(), allocator, batchRows));
        batches.add(batch);
        free.add(batch);
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    this.thread = new Thread(this::encodeAll, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** A free batch to fill, waiting while all are being encoded. */
  DecodedBatch take() {
    try {
      while (true) {
        throwIfFailed();
        DecodedBatch batch = free.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        if (batch != null) {
          return batch;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a free batch", e);
    }
  }

  /** Hands a filled batch over for encoding; an empty one goes straight back. */
  void submit(DecodedBatch batch) {
    if (batch.rows().rowCount() == 0) {
      free.add(batch);
      return;
    }
    // Never blocks: there are no more batches than the queue holds.
    full.add(batch);
  }

  /**
   * Waits until every submitted batch is encoded and stops the thread; after that the sink and the
   * counts are the caller's.
   */
  void finish() {
    finishing = true;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while finishing the encoding", e);
    }
    throwIfFailed();
  }

  long loadedRows() {
    return loaded;
  }

  long unselectedRows() {
    return unselected;
  }

  private void encodeAll() {
    try {
      while (true) {
        DecodedBatch batch = full.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        if (batch != null) {
          encode(batch);
        } else if (finishing) {
          // Whatever was submitted before finish() is visible now.
          while ((batch = full.poll()) != null) {
            encode(batch);
          }
          return;
        }
      }
    } catch (InterruptedException e) {
      // Closed before finishing: the round is being abandoned.
    } catch (Throwable e) {
      failure = e;
    }
  }

  private void encode(DecodedBatch decoded) {
    SourceBatch batch = decoded.rows();
    batch.finish();
    int rows = batch.rowCount();
    long transforming = System.nanoTime();
    TransformResult result = transform.evaluate(batch.vectors(), rows);
    for (int i = 0; i < result.errorCount(); i++) {
      int row = result.errorRow(i);
      rejects.reject(
          decoded.partitionOf(row),
          decoded.offsetOf(row),
          result.errorReason(i),
          decoded.valueOf(row));
    }
    unselected += result.unselectedCount();
    loaded += result.selectedCount();
    VectorSchemaRoot table = result.table();
    List<FieldVector> partitionValues = new ArrayList<>(partitions.size());
    for (TableExpressionEvaluator partition : partitions) {
      partitionValues.add(partition.evaluate(table));
    }
    long encoding = System.nanoTime();
    metrics.recordStage(WorkerMetrics.Stage.TRANSFORM, encoding - transforming);
    sink.write(
        table,
        partitionValues,
        result.selectedRows(),
        result.selectedCount(),
        (row, reason) -> {
          loaded--;
          rejects.reject(
              decoded.partitionOf(row), decoded.offsetOf(row), reason, decoded.valueOf(row));
        });
    metrics.recordStage(WorkerMetrics.Stage.ENCODE, System.nanoTime() - encoding);
    decoded.reset();
    free.add(decoded);
  }

  private void throwIfFailed() {
    Throwable e = failure;
    if (e instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (e instanceof Error error) {
      throw error;
    }
    if (e != null) {
      throw new IllegalStateException("encoding failed", e);
    }
  }

  /** Stops the thread if it still runs and releases the batches and evaluators. */
  @Override
  public void close() {
    if (thread != null && thread.isAlive()) {
      thread.interrupt();
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    batches.forEach(DecodedBatch::close);
    partitions.forEach(TableExpressionEvaluator::close);
    transform.close();
  }
}
