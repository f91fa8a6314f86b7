package dev.sluice.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3ProxyServerIT {

  @Test
  void storesListsAndReadsObjects() {
    S3ProxyServer s3 = S3ProxyServer.shared();
    assertThat(S3ProxyServer.shared()).isSameAs(s3);
    assertThat(s3.endpoint()).isEqualTo("http://127.0.0.1:" + s3.port());
    assertThat(s3.region()).isEqualTo("us-east-1");
    String bucket = "it-objects-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(bucket);
    s3.createBucket(bucket);

    try (S3Client client = client(s3, s3.secretKey())) {
      assertThat(client.listBuckets().buckets()).anyMatch(b -> b.name().equals(bucket));
      put(client, bucket, "a/1.txt", "first object");
      put(client, bucket, "a/2.txt", "second object");
      put(client, bucket, "b/3.txt", "third object");

      assertThat(listKeys(client, bucket, "a/", 1000)).containsExactly("a/1.txt", "a/2.txt");
      assertThat(listKeys(client, bucket, "", 1)).containsExactly("a/1.txt", "a/2.txt", "b/3.txt");

      assertThat(get(client, bucket, "a/2.txt")).isEqualTo("second object");
      String range =
          client
              .getObjectAsBytes(b -> b.bucket(bucket).key("a/1.txt").range("bytes=6-11"))
              .asUtf8String();
      assertThat(range).isEqualTo("object");

      assertThatThrownBy(
              () ->
                  client.putObject(
                      b -> b.bucket(bucket).key("a/1.txt").ifNoneMatch("*"),
                      RequestBody.fromString("overwritten")))
          .isInstanceOfSatisfying(
              S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
      assertThat(get(client, bucket, "a/1.txt")).isEqualTo("first object");
      client.putObject(
          b -> b.bucket(bucket).key("a/new.txt").ifNoneMatch("*"), RequestBody.fromString("new"));
      assertThat(get(client, bucket, "a/new.txt")).isEqualTo("new");
    }
  }

  @Test
  void multipartUploadOfMoreThanFiveMebibytes() {
    S3ProxyServer s3 = S3ProxyServer.shared();
    String bucket = "it-multipart";
    s3.createBucket(bucket);
    byte[] first = randomBytes(5 * 1024 * 1024, 1);
    byte[] second = randomBytes(1024 * 1024 + 17, 2);

    try (S3Client client = client(s3, s3.secretKey())) {
      String uploadId =
          client.createMultipartUpload(b -> b.bucket(bucket).key("big.bin")).uploadId();
      String etag1 =
          client
              .uploadPart(
                  b -> b.bucket(bucket).key("big.bin").uploadId(uploadId).partNumber(1),
                  RequestBody.fromBytes(first))
              .eTag();
      String etag2 =
          client
              .uploadPart(
                  b -> b.bucket(bucket).key("big.bin").uploadId(uploadId).partNumber(2),
                  RequestBody.fromBytes(second))
              .eTag();
      client.completeMultipartUpload(
          b ->
              b.bucket(bucket)
                  .key("big.bin")
                  .uploadId(uploadId)
                  .multipartUpload(
                      CompletedMultipartUpload.builder()
                          .parts(
                              CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                              CompletedPart.builder().partNumber(2).eTag(etag2).build())
                          .build()));

      assertThat(client.headObject(b -> b.bucket(bucket).key("big.bin")).contentLength())
          .isEqualTo(first.length + second.length);
      byte[] stored = client.getObjectAsBytes(b -> b.bucket(bucket).key("big.bin")).asByteArray();
      byte[] expected = new byte[first.length + second.length];
      System.arraycopy(first, 0, expected, 0, first.length);
      System.arraycopy(second, 0, expected, first.length, second.length);
      assertThat(stored).isEqualTo(expected);
    }
  }

  @Test
  void closingTheSharedServerLeavesItRunning() {
    S3ProxyServer s3 = S3ProxyServer.shared();
    s3.close();
    assertThat(s3.isRunning()).isTrue();
    s3.createBucket("it-after-close");
  }

  @Test
  void wrongSecretIsRejected() {
    S3ProxyServer s3 = S3ProxyServer.shared();
    s3.createBucket("it-auth");
    try (S3Client intruder = client(s3, s3.secretKey() + "x")) {
      assertThatThrownBy(() -> put(intruder, "it-auth", "nope.txt", "nope"))
          .isInstanceOfSatisfying(
              S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
      assertThatThrownBy(intruder::listBuckets)
          .isInstanceOfSatisfying(
              S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }
    try (S3Client client = client(s3, s3.secretKey())) {
      assertThat(listKeys(client, "it-auth", "", 1000)).isEmpty();
    }
  }

  @Test
  void persistentServerKeepsObjectsAcrossStopAndRestart(@TempDir Path dir) {
    int port;
    S3ProxyServer s3 = S3ProxyServer.start(dir, 0, "local-key", "local-secret-0123456789");
    try (S3Client client = client(s3, s3.secretKey())) {
      port = s3.port();
      assertThat(s3.accessKey()).isEqualTo("local-key");
      s3.createBucket("keep");
      put(client, "keep", "k.txt", "kept");

      s3.stop();
      assertThat(s3.isRunning()).isFalse();
      assertThatThrownBy(() -> get(client, "keep", "k.txt")).isInstanceOf(SdkClientException.class);

      s3.restart();
      assertThat(s3.isRunning()).isTrue();
      assertThat(get(client, "keep", "k.txt")).isEqualTo("kept");
    } finally {
      s3.close();
    }

    try (S3ProxyServer again =
            S3ProxyServer.start(dir, port, "local-key", "local-secret-0123456789");
        S3Client client = client(again, again.secretKey())) {
      assertThat(again.endpoint()).isEqualTo("http://127.0.0.1:" + port);
      assertThat(get(client, "keep", "k.txt")).isEqualTo("kept");
    }
    assertThat(dir.resolve("s3proxy.log")).isNotEmptyFile();
  }

  private static S3Client client(S3ProxyServer s3, String secret) {
    return S3Client.builder()
        .endpointOverride(URI.create(s3.endpoint()))
        .region(Region.of(s3.region()))
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), secret)))
        .build();
  }

  private static void put(S3Client client, String bucket, String key, String content) {
    client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content));
  }

  private static String get(S3Client client, String bucket, String key) {
    return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
  }

  private static List<String> listKeys(S3Client client, String bucket, String prefix, int page) {
    List<String> keys = new ArrayList<>();
    String token = null;
    do {
      String continuation = token;
      ListObjectsV2Response response =
          client.listObjectsV2(
              b -> b.bucket(bucket).prefix(prefix).maxKeys(page).continuationToken(continuation));
      assertThat(response.contents()).hasSizeLessThanOrEqualTo(page);
      response.contents().stream().map(S3Object::key).forEach(keys::add);
      token = response.isTruncated() ? response.nextContinuationToken() : null;
    } while (token != null);
    return keys;
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
