package dev.sluice.storage.objectstore;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An object store in an S3 bucket, over the AWS SDK v2 synchronous client with the Apache
 * HttpClient 5 transport. Conditional create uses {@code If-None-Match: *}; streaming uploads are
 * multipart (see {@link S3Settings#partSize()}).
 */
public final class S3ObjectStore implements ObjectStore {

  /** S3's limit on keys per DeleteObjects request. */
  static final int MAX_DELETE_BATCH = 1000;

  private static final String CONTENT_TYPE = "application/octet-stream";
  // A 409 on a conditional PUT means another conditional write of the key is in flight; asking
  // again after it settles gets the real answer (412 or success).
  private static final int CONDITIONAL_PUT_ATTEMPTS = 5;

  private final S3Settings settings;
  private final S3Client client;
  private final ExecutorService uploadExecutor;

  public S3ObjectStore(S3Settings settings) {
    this.settings = requireNonNull(settings, "settings is null");
    this.client = buildClient(settings);
    this.uploadExecutor = newUploadExecutor(settings.uploadThreads());
  }

  public S3Settings settings() {
    return settings;
  }

  @Override
  public void put(String key, byte[] bytes) {
    requireNonNull(bytes, "bytes is null");
    String fullKey = fullKey(key);
    try {
      client.putObject(putRequest(fullKey, bytes.length).build(), body(bytes, bytes.length));
    } catch (SdkException e) {
      throw S3Errors.translate("put", key, e);
    }
  }

  @Override
  public boolean putIfAbsent(String key, byte[] bytes) {
    requireNonNull(bytes, "bytes is null");
    String fullKey = fullKey(key);
    PutObjectRequest request = putRequest(fullKey, bytes.length).ifNoneMatch("*").build();
    for (int attempt = 1; ; attempt++) {
      try {
        client.putObject(request, body(bytes, bytes.length));
        return true;
      } catch (SdkException e) {
        int status = S3Errors.status(e);
        if (status == S3Errors.PRECONDITION_FAILED) {
          return false;
        }
        if (status != S3Errors.CONFLICT || attempt >= CONDITIONAL_PUT_ATTEMPTS) {
          throw S3Errors.translate("conditional put", key, e);
        }
        sleepBeforeRetry(attempt, key);
      }
    }
  }

  @Override
  public ObjectUpload create(String key) {
    return new S3Upload(this, key, fullKey(key));
  }

  @Override
  public byte[] get(String key) {
    String fullKey = fullKey(key);
    try {
      return client
          .getObjectAsBytes(b -> b.bucket(settings.bucket()).key(fullKey))
          .asByteArrayUnsafe();
    } catch (SdkException e) {
      throw S3Errors.translate("get", key, e);
    }
  }

  @Override
  public InputStream open(String key) {
    String fullKey = fullKey(key);
    try {
      return client.getObject(b -> b.bucket(settings.bucket()).key(fullKey));
    } catch (SdkException e) {
      throw S3Errors.translate("get", key, e);
    }
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    LocalObjectStore.checkRange(offset, length);
    if (length == 0) {
      // An empty HTTP range cannot be expressed; still fail like a read for a missing object.
      if (stat(key).isEmpty()) {
        throw new ObjectNotFoundException(key);
      }
      return new byte[0];
    }
    String fullKey = fullKey(key);
    String range = "bytes=" + offset + "-" + (offset + length - 1);
    try {
      return client
          .getObjectAsBytes(b -> b.bucket(settings.bucket()).key(fullKey).range(range))
          .asByteArrayUnsafe();
    } catch (SdkException e) {
      if (S3Errors.status(e) == S3Errors.RANGE_NOT_SATISFIABLE) {
        return new byte[0];
      }
      throw S3Errors.translate("get range of", key, e);
    }
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    String fullKey = fullKey(key);
    try {
      HeadObjectResponse head = client.headObject(b -> b.bucket(settings.bucket()).key(fullKey));
      return Optional.of(new ObjectInfo(key, head.contentLength(), head.lastModified()));
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e)) {
        return Optional.empty();
      }
      throw S3Errors.translate("stat", key, e);
    }
  }

  @Override
  public List<ObjectInfo> list(String prefix) {
    ObjectKeys.checkPrefix(prefix);
    String fullPrefix = settings.keyPrefix() + prefix;
    int strip = settings.keyPrefix().length();
    List<ObjectInfo> result = new ArrayList<>();
    try {
      ListObjectsV2Request request =
          ListObjectsV2Request.builder().bucket(settings.bucket()).prefix(fullPrefix).build();
      for (S3Object object : client.listObjectsV2Paginator(request).contents()) {
        result.add(
            new ObjectInfo(object.key().substring(strip), object.size(), object.lastModified()));
      }
    } catch (SdkException e) {
      throw S3Errors.translate("list " + fullPrefix, null, e);
    }
    return result;
  }

  @Override
  public List<PendingUpload> listPendingUploads(String prefix) {
    ObjectKeys.checkPrefix(prefix);
    String fullPrefix = settings.keyPrefix() + prefix;
    int strip = settings.keyPrefix().length();
    List<PendingUpload> result = new ArrayList<>();
    try {
      ListMultipartUploadsRequest request =
          ListMultipartUploadsRequest.builder()
              .bucket(settings.bucket())
              .prefix(fullPrefix)
              .build();
      for (MultipartUpload upload : client.listMultipartUploadsPaginator(request).uploads()) {
        result.add(
            new PendingUpload(
                upload.key().substring(strip), upload.uploadId(), upload.initiated()));
      }
    } catch (SdkException e) {
      throw S3Errors.translate("list multipart uploads " + fullPrefix, null, e);
    }
    return result;
  }

  @Override
  public void abortUpload(PendingUpload upload) {
    String fullKey = fullKey(upload.key());
    try {
      client.abortMultipartUpload(
          b -> b.bucket(settings.bucket()).key(fullKey).uploadId(upload.uploadId()));
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e)) {
        return; // NoSuchUpload: completed or aborted meanwhile.
      }
      throw S3Errors.translate("abort the upload of", upload.key(), e);
    }
  }

  @Override
  public void delete(String key) {
    String fullKey = fullKey(key);
    try {
      client.deleteObject(b -> b.bucket(settings.bucket()).key(fullKey));
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e)) {
        return;
      }
      throw S3Errors.translate("delete", key, e);
    }
  }

  @Override
  public void deleteAll(Collection<String> keys) {
    requireNonNull(keys, "keys is null");
    List<ObjectIdentifier> batch = new ArrayList<>(Math.min(keys.size(), MAX_DELETE_BATCH));
    List<String> fullKeys = new ArrayList<>(keys.size());
    for (String key : keys) {
      fullKeys.add(fullKey(key));
    }
    for (String fullKey : fullKeys) {
      batch.add(ObjectIdentifier.builder().key(fullKey).build());
      if (batch.size() == MAX_DELETE_BATCH) {
        deleteBatch(batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      deleteBatch(batch);
    }
  }

  @Override
  public void close() {
    uploadExecutor.shutdownNow();
    client.close();
  }

  @Override
  public String toString() {
    return "S3ObjectStore[s3://" + settings.bucket() + "/" + settings.keyPrefix() + "]";
  }

  S3Client client() {
    return client;
  }

  ExecutorService uploadExecutor() {
    return uploadExecutor;
  }

  PutObjectRequest.Builder putRequest(String fullKey, long length) {
    return PutObjectRequest.builder()
        .bucket(settings.bucket())
        .key(fullKey)
        .contentLength(length)
        .contentType(CONTENT_TYPE);
  }

  /** A body over the array without the copy {@code RequestBody.fromBytes} makes. */
  static RequestBody body(byte[] bytes, int length) {
    return RequestBody.fromContentProvider(
        () -> new ByteArrayInputStream(bytes, 0, length), length, CONTENT_TYPE);
  }

  private void deleteBatch(List<ObjectIdentifier> batch) {
    DeleteObjectsResponse response;
    try {
      Delete delete = Delete.builder().objects(batch).quiet(true).build();
      response = client.deleteObjects(b -> b.bucket(settings.bucket()).delete(delete));
    } catch (SdkException e) {
      throw S3Errors.translate("delete " + batch.size() + " objects", null, e);
    }
    List<S3Error> errors = new ArrayList<>();
    for (S3Error error : response.errors()) {
      if (!"NoSuchKey".equals(error.code())) {
        errors.add(error);
      }
    }
    if (!errors.isEmpty()) {
      S3Error first = errors.get(0);
      boolean retryable = "InternalError".equals(first.code()) || "SlowDown".equals(first.code());
      throw new StorageException(
          "cannot delete "
              + errors.size()
              + " of "
              + batch.size()
              + " objects, first "
              + first.key()
              + ": "
              + first.code()
              + " "
              + first.message(),
          retryable);
    }
  }

  private String fullKey(String key) {
    return settings.keyPrefix() + ObjectKeys.checkKey(key);
  }

  private static void sleepBeforeRetry(int attempt, String key) {
    try {
      Thread.sleep(50L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while writing " + key, false, e);
    }
  }

  private static S3Client buildClient(S3Settings settings) {
    AwsCredentialsProvider credentials =
        settings
            .credentials()
            .<AwsCredentialsProvider>map(
                c ->
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(c.accessKey(), c.secretKey())))
            .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    S3ClientBuilder builder =
        S3Client.builder()
            .region(Region.of(settings.region()))
            .forcePathStyle(settings.pathStyleAccess())
            .credentialsProvider(credentials)
            .httpClientBuilder(
                Apache5HttpClient.builder().maxConnections(settings.maxConnections()));
    settings.endpoint().ifPresent(builder::endpointOverride);
    if (!settings.checksums()) {
      builder
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    return builder.build();
  }

  private static ExecutorService newUploadExecutor(int threads) {
    AtomicInteger counter = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            runnable -> {
              Thread thread = new Thread(runnable, "sluice-s3-upload-" + counter.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    // Idle stores should not hold threads.
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }
}
