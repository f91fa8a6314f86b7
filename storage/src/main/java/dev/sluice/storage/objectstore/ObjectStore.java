package dev.sluice.storage.objectstore;

import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A flat key to bytes store with S3 semantics: whole-object writes that are atomic (readers see the
 * old object, the new one or nothing, never a part), strongly consistent reads and listings after a
 * write, and conditional create. Keys are checked with {@link ObjectKeys}.
 *
 * <p>Implementations are thread-safe. Every method throws {@link StorageException} (unchecked) on
 * failure, {@link ObjectNotFoundException} where a missing object is an error and {@link
 * IllegalArgumentException} for an invalid key.
 */
public interface ObjectStore extends AutoCloseable {

  /** Writes the object, replacing any object under the key. */
  void put(String key, byte[] bytes);

  /**
   * Writes the object only if no object exists under the key, atomically: of several concurrent
   * callers at most one gets {@code true}.
   *
   * @return {@code true} if this call created the object, {@code false} if the key existed
   */
  boolean putIfAbsent(String key, byte[] bytes);

  /**
   * Like {@link #putIfAbsent} for callers to whom an existing key is an error.
   *
   * @throws ObjectAlreadyExistsException if the key exists
   */
  default void putNew(String key, byte[] bytes) {
    if (!putIfAbsent(key, bytes)) {
      throw new ObjectAlreadyExistsException(key);
    }
  }

  /**
   * Starts a streaming upload of an object of any size with bounded memory. The object replaces any
   * object under the key when {@link ObjectUpload#commit()} returns.
   */
  ObjectUpload create(String key);

  /**
   * Reads the whole object.
   *
   * @throws ObjectNotFoundException if there is no object under the key
   */
  byte[] get(String key);

  /**
   * Opens the object for streaming reads; the caller closes the stream.
   *
   * @throws ObjectNotFoundException if there is no object under the key
   */
  InputStream open(String key);

  /**
   * Reads {@code length} bytes from {@code offset}, fewer if the object ends first and none if
   * {@code offset} is at or past its end.
   *
   * @throws ObjectNotFoundException if there is no object under the key
   */
  byte[] getRange(String key, long offset, int length);

  /** The object's size and modification time, or empty if there is no object under the key. */
  Optional<ObjectInfo> stat(String key);

  default boolean exists(String key) {
    return stat(key).isPresent();
  }

  /**
   * Every object whose key starts with {@code prefix} (plain string prefix, not only whole
   * segments), sorted by key. Paging is handled here; the whole listing is held in memory.
   */
  List<ObjectInfo> list(String prefix);

  /** The multipart uploads under {@code prefix} that are neither completed nor aborted. */
  List<PendingUpload> listPendingUploads(String prefix);

  /** Aborts the upload and deletes its parts; an upload already gone is not an error. */
  void abortUpload(PendingUpload upload);

  /** Deletes the object; deleting a missing key is not an error. */
  void delete(String key);

  /** Deletes the objects in as few requests as the backend allows; missing keys are ignored. */
  void deleteAll(Collection<String> keys);

  /** Releases connections and threads; uploads still open fail. */
  @Override
  void close();
}
