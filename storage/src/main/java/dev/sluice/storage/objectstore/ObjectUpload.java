package dev.sluice.storage.objectstore;

import java.io.OutputStream;

/**
 * A streaming upload from {@link ObjectStore#create(String)}. Nothing is visible under the key
 * until {@link #commit()} returns; {@link #close()} without a successful commit aborts, so a
 * try-with-resources block that throws leaves neither a partial object nor a dangling multipart
 * upload behind:
 *
 * <pre>{@code
 * try (ObjectUpload upload = store.create(key)) {
 *   upload.write(...);
 *   upload.commit();
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one thread writes, commits and closes.
 */
public abstract class ObjectUpload extends OutputStream {

  // Redeclared without IOException: failures are StorageException, as everywhere in the store.
  @Override
  public abstract void write(int b);

  @Override
  public abstract void write(byte[] bytes, int offset, int length);

  @Override
  public void write(byte[] bytes) {
    write(bytes, 0, bytes.length);
  }

  /** Uploads are sent as parts fill and on commit; there is nothing to push earlier. */
  @Override
  public void flush() {}

  /** The key the object is committed under. */
  public abstract String key();

  /** Bytes written so far, which is the object's size once committed. */
  public abstract long position();

  /**
   * Flushes what is buffered, waits for every part and makes the object visible, replacing any
   * object under the key. After this the stream is closed.
   *
   * @return the object's size in bytes
   * @throws StorageException if the upload failed; it is then aborted
   */
  public abstract long commit();

  /** Discards everything written. Idempotent; does nothing after a successful commit. */
  public abstract void abort();

  /** Aborts unless {@link #commit()} succeeded. */
  @Override
  public void close() {
    abort();
  }
}
