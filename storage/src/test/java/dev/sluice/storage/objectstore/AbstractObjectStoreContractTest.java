package dev.sluice.storage.objectstore;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ObjectStore} must do. A backend's test extends this and supplies the store;
 * each test works under its own random prefix so tests never see each other's objects. Exported in
 * the test jar for other backends.
 */
public abstract class AbstractObjectStoreContractTest {

  /** Bigger than two parts of the smallest multipart part size (5 MiB). */
  protected static final int LARGE_OBJECT_SIZE = 20 * 1024 * 1024 + 12_345;

  protected ObjectStore store;
  protected String prefix;

  /** A store over an empty or shared location; closed after each test. */
  protected abstract ObjectStore createStore() throws Exception;

  /**
   * Asserts that no incomplete upload of {@code key} is left behind (S3 multipart uploads); the
   * default does nothing for backends without such a thing.
   */
  protected void assertNoPendingUpload(String key) {}

  @BeforeEach
  void openStore() throws Exception {
    store = createStore();
    prefix = "contract/" + UUID.randomUUID() + "/";
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  protected String key(String name) {
    return prefix + name;
  }

  @Test
  void putThenGetReturnsTheBytesAndPutReplaces() {
    store.put(key("a.txt"), "first".getBytes(UTF_8));
    assertThat(store.get(key("a.txt"))).asString(UTF_8).isEqualTo("first");

    store.put(key("a.txt"), "second, longer".getBytes(UTF_8));
    assertThat(store.get(key("a.txt"))).asString(UTF_8).isEqualTo("second, longer");
  }

  @Test
  void emptyObjectsExist() {
    store.put(key("empty"), new byte[0]);
    assertThat(store.get(key("empty"))).isEmpty();
    assertThat(store.stat(key("empty"))).get().extracting(ObjectInfo::size).isEqualTo(0L);
  }

  @Test
  void readingAMissingObjectThrowsNotFound() {
    String missing = key("missing");
    assertThatThrownBy(() -> store.get(missing))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessage("object not found: " + missing)
        .satisfies(e -> assertThat(((StorageException) e).retryable()).isFalse());
    assertThatThrownBy(() -> store.open(missing).close())
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessage("object not found: " + missing);
    assertThatThrownBy(() -> store.getRange(missing, 0, 10))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessage("object not found: " + missing);
    assertThatThrownBy(() -> store.getRange(missing, 0, 0))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessage("object not found: " + missing);
  }

  @Test
  void statReportsSizeAndModificationTime() {
    Instant before = Instant.now().minus(Duration.ofMinutes(5));
    store.put(key("stat"), new byte[1234]);

    ObjectInfo info = store.stat(key("stat")).orElseThrow();
    assertThat(info.key()).isEqualTo(key("stat"));
    assertThat(info.size()).isEqualTo(1234);
    assertThat(info.lastModified()).isAfter(before).isBefore(Instant.now().plusSeconds(300));
    assertThat(store.exists(key("stat"))).isTrue();
    assertThat(store.stat(key("nothing"))).isEmpty();
    assertThat(store.exists(key("nothing"))).isFalse();
  }

  @Test
  void streamingUploadOfALargeObjectRoundTrips() throws Exception {
    byte[] data = randomBytes(LARGE_OBJECT_SIZE, 1);
    String key = key("large.bin");
    try (ObjectUpload upload = store.create(key)) {
      // Odd write sizes cross part boundaries at arbitrary points.
      int offset = 0;
      int step = 1;
      while (offset < data.length) {
        int n = Math.min(data.length - offset, 100_003 * step % 700_001 + 1);
        upload.write(data, offset, n);
        offset += n;
        step++;
        if (step % 7 == 0 && offset < data.length) {
          upload.write(data[offset++]);
        }
      }
      assertThat(upload.position()).isEqualTo(data.length);
      assertThat(store.exists(key)).as("not visible before commit").isFalse();
      assertThat(upload.commit()).isEqualTo(data.length);
    }

    assertThat(store.stat(key).orElseThrow().size()).isEqualTo(data.length);
    assertThat(sha256(store.get(key))).isEqualTo(sha256(data));
    try (InputStream in = store.open(key)) {
      assertThat(sha256(in)).isEqualTo(sha256(data));
    }
    assertNoPendingUpload(key);
  }

  @Test
  void smallAndEmptyStreamingUploads() {
    try (ObjectUpload upload = store.create(key("small"))) {
      upload.write("hello ".getBytes(UTF_8));
      upload.write('w');
      upload.write("orld".getBytes(UTF_8), 0, 4);
      assertThat(upload.commit()).isEqualTo(11);
    }
    assertThat(store.get(key("small"))).asString(UTF_8).isEqualTo("hello world");

    try (ObjectUpload upload = store.create(key("nothing"))) {
      assertThat(upload.commit()).isZero();
    }
    assertThat(store.get(key("nothing"))).isEmpty();
  }

  @Test
  void closingAnUploadWithoutCommitLeavesNoObject() {
    String key = key("abandoned");
    byte[] data = randomBytes(12 * 1024 * 1024, 2);
    try (ObjectUpload upload = store.create(key)) {
      upload.write(data);
    }
    assertThat(store.exists(key)).isFalse();
    assertNoPendingUpload(key);

    store.put(key, "old".getBytes(UTF_8));
    try (ObjectUpload upload = store.create(key)) {
      upload.write(data);
      upload.abort();
      assertThatThrownBy(() -> upload.write(1))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("upload of " + key + " is already");
    }
    assertThat(store.get(key)).asString(UTF_8).isEqualTo("old");
  }

  @Test
  void anUploadCannotBeUsedAfterCommit() {
    String key = key("committed");
    try (ObjectUpload upload = store.create(key)) {
      upload.write(42);
      upload.commit();
      assertThatThrownBy(() -> upload.write(1))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("upload of " + key + " is already");
      assertThatThrownBy(upload::commit)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("upload of " + key + " is already");
    }
    assertThat(store.get(key)).containsExactly(42);
  }

  @Test
  void rangeReads() {
    byte[] data = randomBytes(10_000, 3);
    store.put(key("range"), data);

    assertThat(store.getRange(key("range"), 0, 10)).isEqualTo(slice(data, 0, 10));
    assertThat(store.getRange(key("range"), 4321, 1000)).isEqualTo(slice(data, 4321, 1000));
    assertThat(store.getRange(key("range"), 9_990, 100)).isEqualTo(slice(data, 9_990, 10));
    assertThat(store.getRange(key("range"), 10_000, 5)).isEmpty();
    assertThat(store.getRange(key("range"), 20_000, 5)).isEmpty();
    assertThat(store.getRange(key("range"), 5, 0)).isEmpty();
    assertThatThrownBy(() -> store.getRange(key("range"), -1, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("offset is negative: -1");
  }

  @Test
  void listsByPlainStringPrefixInKeyOrder() {
    store.put(key("a/2"), new byte[2]);
    store.put(key("a/1"), new byte[1]);
    store.put(key("a/b/3"), new byte[3]);
    store.put(key("ab/4"), new byte[4]);
    store.put(key("b/5"), new byte[5]);

    assertThat(store.list(key("a/")))
        .extracting(ObjectInfo::key, ObjectInfo::size)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(key("a/1"), 1L),
            org.assertj.core.groups.Tuple.tuple(key("a/2"), 2L),
            org.assertj.core.groups.Tuple.tuple(key("a/b/3"), 3L));
    assertThat(store.list(key("a")))
        .extracting(ObjectInfo::key)
        .containsExactly(key("a/1"), key("a/2"), key("a/b/3"), key("ab/4"));
    assertThat(store.list(prefix))
        .extracting(ObjectInfo::key)
        .containsExactly(key("a/1"), key("a/2"), key("a/b/3"), key("ab/4"), key("b/5"));
    assertThat(store.list(key("c/"))).isEmpty();
    assertThat(store.list(key("a/1"))).extracting(ObjectInfo::key).containsExactly(key("a/1"));
    assertThat(store.list(key("a/b/3")))
        .singleElement()
        .satisfies(
            info -> assertThat(info.lastModified()).isAfter(Instant.now().minusSeconds(600)));
  }

  @Test
  void listsAndBatchDeletesMoreKeysThanOnePage() throws Exception {
    int count = 1_200;
    List<String> keys = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      keys.add(key("many/" + String.format("%05d", i)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> puts = new ArrayList<>();
      for (String key : keys) {
        puts.add(pool.submit(() -> store.put(key, key.getBytes(UTF_8))));
      }
      for (Future<?> put : puts) {
        put.get();
      }
    } finally {
      pool.shutdownNow();
    }

    List<ObjectInfo> listed = store.list(key("many/"));
    assertThat(listed).extracting(ObjectInfo::key).containsExactlyElementsOf(keys);
    assertThat(listed).allSatisfy(info -> assertThat(info.size()).isEqualTo(info.key().length()));

    List<String> toDelete = new ArrayList<>(keys.subList(0, 1_100));
    toDelete.add(key("many/never-existed"));
    store.deleteAll(toDelete);
    assertThat(store.list(key("many/")))
        .extracting(ObjectInfo::key)
        .containsExactlyElementsOf(keys.subList(1_100, count));

    store.deleteAll(keys);
    assertThat(store.list(key("many/"))).isEmpty();
  }

  @Test
  void deleteRemovesAndIgnoresMissingKeys() {
    store.put(key("d/1"), new byte[1]);
    store.put(key("d/2"), new byte[1]);

    store.delete(key("d/1"));
    store.delete(key("d/never"));

    assertThat(store.exists(key("d/1"))).isFalse();
    assertThat(store.list(key("d/"))).extracting(ObjectInfo::key).containsExactly(key("d/2"));
    store.deleteAll(List.of());
    store.delete(key("d/2"));
    assertThat(store.list(key("d/"))).isEmpty();
  }

  @Test
  void conditionalCreateFailsWhenTheKeyExists() {
    String key = key("once");
    assertThat(store.putIfAbsent(key, "first".getBytes(UTF_8))).isTrue();
    assertThat(store.putIfAbsent(key, "second".getBytes(UTF_8))).isFalse();
    assertThat(store.get(key)).asString(UTF_8).isEqualTo("first");

    assertThatThrownBy(() -> store.putNew(key, "third".getBytes(UTF_8)))
        .isInstanceOf(ObjectAlreadyExistsException.class)
        .hasMessage("object already exists: " + key);
    assertThat(store.get(key)).asString(UTF_8).isEqualTo("first");

    store.putNew(key("fresh"), "new".getBytes(UTF_8));
    assertThat(store.get(key("fresh"))).asString(UTF_8).isEqualTo("new");
  }

  @Test
  void exactlyOneOfTwoRacingConditionalCreatesWins() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        String key = key("race/" + round);
        CyclicBarrier start = new CyclicBarrier(2);
        Future<Boolean> first = pool.submit(() -> racer(start, key, "first"));
        Future<Boolean> second = pool.submit(() -> racer(start, key, "second"));
        boolean firstWon = first.get();
        boolean secondWon = second.get();

        assertThat(firstWon ^ secondWon).as("exactly one winner in round " + round).isTrue();
        assertThat(store.get(key)).asString(UTF_8).isEqualTo(firstWon ? "first" : "second");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void invalidKeysAreRefused() {
    assertThatThrownBy(() -> store.put("../escape", new byte[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key has a '..' segment: ../escape");
    assertThatThrownBy(() -> store.get("/absolute"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key starts with '/': /absolute");
    assertThatThrownBy(() -> store.create(prefix + "dir/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key ends with '/': " + prefix + "dir/");
    assertThatThrownBy(() -> store.list("a//b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("prefix has an empty segment: a//b");
  }

  private boolean racer(CyclicBarrier start, String key, String content) throws Exception {
    start.await();
    return store.putIfAbsent(key, content.getBytes(UTF_8));
  }

  protected static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static byte[] slice(byte[] data, int offset, int length) {
    return java.util.Arrays.copyOfRange(data, offset, offset + length);
  }

  protected static byte[] sha256(byte[] data) throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }

  protected static byte[] sha256(InputStream in) throws IOException, NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[64 * 1024];
    int n;
    while ((n = in.read(buffer)) > 0) {
      digest.update(buffer, 0, n);
    }
    return digest.digest();
  }
}
