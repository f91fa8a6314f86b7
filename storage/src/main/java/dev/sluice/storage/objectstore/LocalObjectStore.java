package dev.sluice.storage.objectstore;

import static java.util.Objects.requireNonNull;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An object store in a local directory, for development, tests and single-machine setups. A key is
 * a file path under the root. Writes go to a temporary file under {@value #TEMP_DIR} first and are
 * then renamed into place (replace) or hard-linked into place (create only if absent: {@code
 * link(2)} fails atomically when the target exists), so readers never see a partial object.
 *
 * <p>Differences from S3: a key cannot also be a "directory" of other keys (no {@code a} next to
 * {@code a/b}), writes are not fsynced, and the file system must support hard links. Directories
 * left empty by deletes are removed.
 */
public final class LocalObjectStore implements ObjectStore {

  /** Where uploads are staged; on the same file system as the objects so renames are atomic. */
  public static final String TEMP_DIR = ".sluice-tmp";

  // A concurrent delete may remove the parent directory between creating and using it.
  private static final int MAX_PLACE_ATTEMPTS = 10;

  private final Path root;
  private final Path temp;

  public LocalObjectStore(Path root) {
    requireNonNull(root, "root is null");
    this.root = root.toAbsolutePath().normalize();
    this.temp = this.root.resolve(TEMP_DIR);
    try {
      Files.createDirectories(temp);
    } catch (IOException e) {
      throw new StorageException("cannot create directory " + temp, false, e);
    }
  }

  public Path root() {
    return root;
  }

  /** The file an object is stored in. */
  public Path path(String key) {
    ObjectKeys.checkKey(key);
    if (key.equals(TEMP_DIR) || key.startsWith(TEMP_DIR + "/")) {
      throw new IllegalArgumentException(
          "key is in the reserved directory " + TEMP_DIR + ": " + key);
    }
    return root.resolve(key);
  }

  @Override
  public void put(String key, byte[] bytes) {
    requireNonNull(bytes, "bytes is null");
    Path target = path(key);
    Path staged = stage(bytes);
    try {
      place(key, staged, target, true);
    } finally {
      deleteQuietly(staged);
    }
  }

  @Override
  public boolean putIfAbsent(String key, byte[] bytes) {
    requireNonNull(bytes, "bytes is null");
    Path target = path(key);
    Path staged = stage(bytes);
    try {
      return place(key, staged, target, false);
    } finally {
      deleteQuietly(staged);
    }
  }

  @Override
  public ObjectUpload create(String key) {
    Path target = path(key);
    Path staged = newTempFile();
    try {
      return new LocalUpload(key, target, staged);
    } catch (IOException e) {
      deleteQuietly(staged);
      throw new StorageException("cannot create " + staged, false, e);
    }
  }

  @Override
  public byte[] get(String key) {
    Path file = path(key);
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException(key, e);
    } catch (IOException e) {
      throw readFailure(key, file, e);
    }
  }

  @Override
  public InputStream open(String key) {
    Path file = path(key);
    // Opening a directory succeeds on Linux; only reading it fails.
    if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new ObjectNotFoundException(key);
    }
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException(key, e);
    } catch (IOException e) {
      throw readFailure(key, file, e);
    }
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    checkRange(offset, length);
    Path file = path(key);
    if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new ObjectNotFoundException(key);
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      int count = (int) Math.max(0, Math.min(length, size - offset));
      ByteBuffer buffer = ByteBuffer.allocate(count);
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, offset + buffer.position()) < 0) {
          break;
        }
      }
      if (buffer.hasRemaining()) {
        // The object was replaced by a shorter one while we read; return what is there.
        byte[] partial = new byte[buffer.position()];
        buffer.flip().get(partial);
        return partial;
      }
      return buffer.array();
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException(key, e);
    } catch (IOException e) {
      throw readFailure(key, file, e);
    }
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    Path file = path(key);
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isRegularFile()) {
        return Optional.empty();
      }
      return Optional.of(
          new ObjectInfo(key, attributes.size(), attributes.lastModifiedTime().toInstant()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException("cannot stat " + file, true, e);
    }
  }

  @Override
  public List<ObjectInfo> list(String prefix) {
    ObjectKeys.checkPrefix(prefix);
    int slash = prefix.lastIndexOf('/');
    Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
    List<ObjectInfo> result = new ArrayList<>();
    try {
      Files.walkFileTree(
          start,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return dir.equals(temp) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile()) {
                String key = keyOf(file);
                if (key.startsWith(prefix)) {
                  result.add(
                      new ObjectInfo(key, attrs.size(), attrs.lastModifiedTime().toInstant()));
                }
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              // Deleted while we walked: it is simply not listed.
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }
          });
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new StorageException("cannot list " + start, true, e);
    }
    result.sort(Comparator.comparing(ObjectInfo::key));
    return result;
  }

  @Override
  public void delete(String key) {
    Path file = path(key);
    try {
      if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      if (Files.deleteIfExists(file)) {
        pruneEmptyParents(file.getParent());
      }
    } catch (IOException e) {
      throw new StorageException("cannot delete " + file, true, e);
    }
  }

  /**
   * None: files are written whole to a staging file and then moved into place. A writer that dies
   * leaves its staging file in {@value #TEMP_DIR}, named by a random id, not by its key.
   */
  @Override
  public List<PendingUpload> listPendingUploads(String prefix) {
    ObjectKeys.checkPrefix(prefix);
    return List.of();
  }

  @Override
  public void abortUpload(PendingUpload upload) {
    // Nothing is ever pending here.
  }

  @Override
  public void deleteAll(Collection<String> keys) {
    requireNonNull(keys, "keys is null");
    for (String key : keys) {
      path(key);
    }
    for (String key : keys) {
      delete(key);
    }
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "LocalObjectStore[" + root + "]";
  }

  static void checkRange(long offset, int length) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset is negative: " + offset);
    }
    if (length < 0) {
      throw new IllegalArgumentException("length is negative: " + length);
    }
  }

  private String keyOf(Path file) {
    String relative = root.relativize(file).toString();
    return file.getFileSystem().getSeparator().equals("/")
        ? relative
        : relative.replace(file.getFileSystem().getSeparator(), "/");
  }

  private Path newTempFile() {
    return temp.resolve(UUID.randomUUID() + ".tmp");
  }

  private Path stage(byte[] bytes) {
    Path staged = newTempFile();
    try {
      Files.write(staged, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      return staged;
    } catch (IOException e) {
      deleteQuietly(staged);
      throw new StorageException("cannot write " + staged, true, e);
    }
  }

  /**
   * Moves (replace) or links (create only) the staged file to the target.
   *
   * @return false if {@code replace} is false and the target exists
   */
  private boolean place(String key, Path staged, Path target, boolean replace) {
    Path parent = target.getParent();
    for (int attempt = 1; ; attempt++) {
      try {
        Files.createDirectories(parent);
      } catch (FileAlreadyExistsException e) {
        throw new StorageException(
            "cannot write " + key + ": one of its parent directories is an object", false, e);
      } catch (IOException e) {
        throw new StorageException("cannot create directory " + parent, true, e);
      }
      try {
        if (replace) {
          Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        } else {
          Files.createLink(target, staged);
        }
        return true;
      } catch (FileAlreadyExistsException e) {
        if (replace || Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          throw directoryConflict(key, e);
        }
        return false;
      } catch (NoSuchFileException e) {
        if (attempt >= MAX_PLACE_ATTEMPTS) {
          throw new StorageException(
              "cannot write " + key + ": its directory keeps vanishing", true, e);
        }
      } catch (IOException e) {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          throw directoryConflict(key, e);
        }
        throw new StorageException("cannot write " + target, true, e);
      }
    }
  }

  private static StorageException directoryConflict(String key, IOException e) {
    return new StorageException(
        "cannot write " + key + ": it is the directory of other keys", false, e);
  }

  private void pruneEmptyParents(Path dir) {
    Path current = dir;
    while (current != null && !current.equals(root) && current.startsWith(root)) {
      try {
        Files.delete(current);
      } catch (IOException e) {
        // Not empty (the usual case), already gone, or not deletable: only tidiness is lost.
        return;
      }
      current = current.getParent();
    }
  }

  private static StorageException readFailure(String key, Path file, IOException e) {
    if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
      return new ObjectNotFoundException(key, e);
    }
    return new StorageException("cannot read " + file, true, e);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover temporary file is harmless.
    }
  }

  /** Writes to a staged file; commit renames it into place. */
  private final class LocalUpload extends ObjectUpload {
    private final String key;
    private final Path target;
    private final Path staged;
    private final OutputStream out;
    private long position;
    private boolean finished;

    LocalUpload(String key, Path target, Path staged) throws IOException {
      this.key = key;
      this.target = target;
      this.staged = staged;
      this.out =
          new BufferedOutputStream(
              Files.newOutputStream(staged, StandardOpenOption.CREATE_NEW), 64 * 1024);
    }

    @Override
    public String key() {
      return key;
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public void write(int b) {
      checkOpen();
      try {
        out.write(b);
      } catch (IOException e) {
        throw new StorageException("cannot write " + staged, true, e);
      }
      position++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      checkOpen();
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        throw new StorageException("cannot write " + staged, true, e);
      }
      position += len;
    }

    @Override
    public void flush() {
      checkOpen();
      try {
        out.flush();
      } catch (IOException e) {
        throw new StorageException("cannot write " + staged, true, e);
      }
    }

    @Override
    public long commit() {
      checkOpen();
      finished = true;
      try {
        out.close();
        place(key, staged, target, true);
        return position;
      } catch (IOException e) {
        throw new StorageException("cannot write " + staged, true, e);
      } finally {
        deleteQuietly(staged);
      }
    }

    @Override
    public void abort() {
      if (finished) {
        return;
      }
      finished = true;
      try {
        out.close();
      } catch (IOException e) {
        // The staged file is deleted anyway.
      }
      deleteQuietly(staged);
    }

    private void checkOpen() {
      if (finished) {
        throw new IllegalStateException("upload of " + key + " is already committed or aborted");
      }
    }
  }
}
