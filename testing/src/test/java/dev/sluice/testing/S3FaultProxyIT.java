package dev.sluice.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;

class S3FaultProxyIT {
  private static final String BUCKET = "it-fault-proxy";
  private static S3FaultProxy proxy;
  private static S3Client client;
  private static S3Client direct;

  @BeforeAll
  static void start() {
    S3ProxyServer s3 = S3ProxyServer.shared();
    s3.createBucket(BUCKET);
    proxy = S3FaultProxy.start(s3.endpoint(), 42);
    client = client(s3, proxy.endpoint());
    direct = client(s3, s3.endpoint());
  }

  @AfterAll
  static void stop() {
    client.close();
    direct.close();
    proxy.close();
  }

  @Test
  void passesObjectsAndMultipartUploadsThroughWhenNotFailing() {
    proxy.failWrites(0, Duration.ofSeconds(1));
    client.putObject(b -> b.bucket(BUCKET).key("plain.txt"), RequestBody.fromString("plain"));
    assertThat(read(client, "plain.txt")).isEqualTo("plain");

    byte[] first = randomBytes(5 * 1024 * 1024, 1);
    byte[] second = randomBytes(100_003, 2);
    String uploadId =
        client.createMultipartUpload(b -> b.bucket(BUCKET).key("multi.bin")).uploadId();
    String etag1 =
        client
            .uploadPart(
                b -> b.bucket(BUCKET).key("multi.bin").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(first))
            .eTag();
    String etag2 =
        client
            .uploadPart(
                b -> b.bucket(BUCKET).key("multi.bin").uploadId(uploadId).partNumber(2),
                RequestBody.fromBytes(second))
            .eTag();
    client.completeMultipartUpload(
        b ->
            b.bucket(BUCKET)
                .key("multi.bin")
                .uploadId(uploadId)
                .multipartUpload(
                    CompletedMultipartUpload.builder()
                        .parts(
                            CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                            CompletedPart.builder().partNumber(2).eTag(etag2).build())
                        .build()));
    byte[] stored = direct.getObjectAsBytes(b -> b.bucket(BUCKET).key("multi.bin")).asByteArray();
    assertThat(stored).hasSize(first.length + second.length);
    assertThat(java.util.Arrays.copyOfRange(stored, first.length, stored.length)).isEqualTo(second);
  }

  @Test
  void failsEveryWriteButNoReadWhenTheProbabilityIsOne() {
    direct.putObject(b -> b.bucket(BUCKET).key("readable.txt"), RequestBody.fromString("kept"));
    proxy.failWrites(1, Duration.ofMillis(300));
    try {
      for (int i = 0; i < 8; i++) {
        String key = "failed-" + i + ".txt";
        assertThatThrownBy(
                () -> client.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("x")))
            .isInstanceOf(SdkException.class)
            .hasMessageMatching(
                "(?s).*(InternalError|SlowDown|injected by S3FaultProxy|Unable to execute"
                    + " HTTP request|NoHttpResponse|failed to respond|Connection reset).*");
      }
      assertThat(read(client, "readable.txt")).isEqualTo("kept");
      List<String> keys =
          direct.listObjectsV2(b -> b.bucket(BUCKET).prefix("failed-")).contents().stream()
              .map(o -> o.key())
              .toList();
      // Only writes whose answer was lost reached the server.
      assertThat(keys.size()).isLessThanOrEqualTo(8);
      assertThat(proxy.injected()).containsKeys(S3FaultProxy.Fault.INTERNAL_ERROR);
      assertThat(proxy.injected().values().stream().mapToInt(Integer::intValue).sum())
          .isGreaterThanOrEqualTo(8);
    } finally {
      proxy.failWrites(0, Duration.ofSeconds(1));
    }
  }

  @Test
  void holdsTheNextWriteAndNamesTheClientPort() throws Exception {
    S3FaultProxy.HeldWrite held = proxy.holdNextWrite();
    Thread writer =
        new Thread(
            () -> {
              try {
                client.putObject(
                    b -> b.bucket(BUCKET).key("held.txt"), RequestBody.fromString("held"));
              } catch (SdkException expected) {
                // The held request loses its connection; the SDK's retry may still succeed.
              }
            });
    writer.start();
    Optional<Integer> port = held.awaitClientPort(Duration.ofSeconds(20));
    assertThat(port).isPresent();
    assertThat(port.get()).isPositive();
    assertThat(held.request()).startsWith("PUT /" + BUCKET + "/held.txt");
    held.release();
    writer.join(60_000);
    assertThat(writer.isAlive()).isFalse();
  }

  @Test
  void passesAHeldWriteOnToTheServer() throws Exception {
    proxy.failWrites(0, Duration.ofSeconds(1));
    S3FaultProxy.HeldWrite held = proxy.holdNextWrite();
    Thread writer =
        new Thread(
            () ->
                client.putObject(
                    b -> b.bucket(BUCKET).key("passed.txt"), RequestBody.fromString("passed")));
    writer.start();
    assertThat(held.awaitClientPort(Duration.ofSeconds(20))).isPresent();
    held.passOn();
    writer.join(60_000);
    assertThat(writer.isAlive()).isFalse();
    assertThat(read(direct, "passed.txt")).isEqualTo("passed");
  }

  private static String read(S3Client s3, String key) {
    return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asString(StandardCharsets.UTF_8);
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static S3Client client(S3ProxyServer s3, String endpoint) {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.of(s3.region()))
        .forcePathStyle(true)
        .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
        .httpClientBuilder(Apache5HttpClient.builder().socketTimeout(Duration.ofSeconds(5)))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
        .build();
  }
}
