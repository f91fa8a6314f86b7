package dev.sluice.storage.objectstore;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testing.S3ProxyServer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/** The object store contract against a real S3 API server (S3Proxy). */
class S3ObjectStoreIT extends AbstractObjectStoreContractTest {

  static final String BUCKET = "storage-contract";

  private static S3ProxyServer server;

  @BeforeAll
  static void startServer() {
    server = S3ProxyServer.shared();
    server.createBucket(BUCKET);
  }

  static S3Settings settings(String bucket) {
    return S3Settings.compatible(
            server.endpoint(), server.region(), bucket, server.accessKey(), server.secretKey())
        .withPartSize(S3Settings.MIN_PART_SIZE);
  }

  @Override
  protected ObjectStore createStore() {
    return new S3ObjectStore(settings(BUCKET));
  }

  @Override
  protected void assertNoPendingUpload(String key) {
    S3ObjectStore s3 = (S3ObjectStore) store;
    assertThat(s3.client().listMultipartUploads(b -> b.bucket(BUCKET).prefix(key)).uploads())
        .extracting(MultipartUpload::key)
        .doesNotContain(key);
  }

  @Test
  void anAbandonedMultipartUploadIsPendingUntilAborted() {
    Instant before = Instant.now().minusSeconds(60);
    ObjectUpload abandoned = store.create(key("abandoned"));
    abandoned.write(randomBytes(2 * S3Settings.MIN_PART_SIZE + 1, 7));
    // Neither committed nor closed, as a writer that died in the middle of the file leaves it.
    List<PendingUpload> pending = store.listPendingUploads(key(""));
    assertThat(pending).extracting(PendingUpload::key).containsExactly(key("abandoned"));
    assertThat(pending.get(0).initiated()).isAfter(before);

    store.abortUpload(pending.get(0));
    assertThat(store.listPendingUploads(key(""))).isEmpty();
    assertThat(store.exists(key("abandoned"))).isFalse();
    store.abortUpload(pending.get(0)); // gone already: not an error
  }

  @Test
  void streamingUploadsUseOnePutOrAMultipartUploadBySize() {
    S3ObjectStore s3 = (S3ObjectStore) store;
    try (ObjectUpload upload = store.create(key("multi"))) {
      upload.write(randomBytes(2 * S3Settings.MIN_PART_SIZE + 1, 5));
      upload.commit();
    }
    try (ObjectUpload upload = store.create(key("single"))) {
      upload.write(randomBytes(S3Settings.MIN_PART_SIZE, 6));
      upload.commit();
    }
    // S3 gives multipart objects an ETag of the form "<md5 of part md5s>-<part count>".
    assertThat(s3.client().headObject(b -> b.bucket(BUCKET).key(key("multi"))).eTag())
        .matches("\"?[0-9a-f]{32}-3\"?");
    assertThat(s3.client().headObject(b -> b.bucket(BUCKET).key(key("single"))).eTag())
        .matches("\"?[0-9a-f]{32}\"?");
  }

  @Test
  void aKeyPrefixIsInvisibleToCallers() {
    try (S3ObjectStore prefixed =
        new S3ObjectStore(settings(BUCKET).withKeyPrefix(prefix + "root/"))) {
      prefixed.put("x/1", "one".getBytes(UTF_8));
      assertThat(prefixed.list("x/")).extracting(ObjectInfo::key).containsExactly("x/1");
      assertThat(prefixed.get("x/1")).asString(UTF_8).isEqualTo("one");
    }
    assertThat(store.get(key("root/x/1"))).asString(UTF_8).isEqualTo("one");
  }

  @Test
  void aMissingBucketIsAnErrorNotAMissingObject() {
    try (S3ObjectStore missing = new S3ObjectStore(settings("no-such-bucket"))) {
      assertThatThrownBy(() -> missing.get("k"))
          .isInstanceOf(StorageException.class)
          .isNotInstanceOf(ObjectNotFoundException.class)
          .hasMessageStartingWith("get k failed: HTTP 404 NoSuchBucket")
          .satisfies(e -> assertThat(((StorageException) e).retryable()).isFalse());
    }
  }

  @Test
  void wrongCredentialsAreNotRetryable() {
    S3Settings wrong =
        settings(BUCKET).withCredentials(new S3Credentials(server.accessKey(), "wrong-secret"));
    try (S3ObjectStore denied = new S3ObjectStore(wrong)) {
      assertThatThrownBy(() -> denied.put(key("denied"), new byte[1]))
          .isInstanceOf(StorageException.class)
          .hasMessageStartingWith("put " + key("denied") + " failed: HTTP 403")
          .satisfies(e -> assertThat(((StorageException) e).retryable()).isFalse());
    }
  }

  @Test
  void anUnreachableServerIsRetryable() {
    S3Settings unreachable =
        settings(BUCKET).withEndpoint(java.net.URI.create("http://127.0.0.1:1"));
    try (S3ObjectStore down = new S3ObjectStore(unreachable)) {
      assertThatThrownBy(() -> down.get("k"))
          .isInstanceOf(StorageException.class)
          .hasMessageStartingWith("get k failed: ")
          .satisfies(e -> assertThat(((StorageException) e).retryable()).isTrue());
    }
  }
}
