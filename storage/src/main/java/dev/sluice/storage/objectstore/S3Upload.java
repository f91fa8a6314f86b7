package dev.sluice.storage.objectstore;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * A streaming upload to S3. Bytes fill a part buffer; a full buffer is sent as a multipart upload
 * part by the store's upload threads while the next one fills, with at most {@code partsInFlight}
 * parts of this upload on the wire. An object that never fills one part is sent with one PUT on
 * commit. The first buffer grows on demand so that small objects do not cost a whole part.
 */
final class S3Upload extends ObjectUpload {

  /** S3's limit on parts per upload. */
  static final int MAX_PARTS = 10_000;

  private static final int INITIAL_BUFFER = 64 * 1024;

  private enum State {
    OPEN,
    COMMITTED,
    ABORTED
  }

  private final S3ObjectStore store;
  private final String key;
  private final String fullKey;
  private final int partSize;
  private final Semaphore inFlight;
  // Buffers of sent parts, for reuse; touched by upload threads, hence synchronized.
  private final ArrayDeque<byte[]> spareBuffers = new ArrayDeque<>();
  private final List<Future<CompletedPart>> parts = new ArrayList<>();

  // Parts before this index are known to have been sent successfully.
  private int checkedParts;
  private byte[] buffer = new byte[0];
  private int count;
  private long position;
  private String uploadId;
  private State state = State.OPEN;

  S3Upload(S3ObjectStore store, String key, String fullKey) {
    this.store = store;
    this.key = key;
    this.fullKey = fullKey;
    this.partSize = store.settings().partSize();
    this.inFlight = new Semaphore(store.settings().partsInFlight());
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
    if (count == buffer.length) {
      makeRoom(1);
    }
    buffer[count++] = (byte) b;
    position++;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    checkOpen();
    Objects.checkFromIndexSize(offset, length, bytes.length);
    int remaining = length;
    int from = offset;
    while (remaining > 0) {
      if (count == buffer.length) {
        makeRoom(remaining);
      }
      int n = Math.min(remaining, buffer.length - count);
      System.arraycopy(bytes, from, buffer, count, n);
      count += n;
      from += n;
      remaining -= n;
      position += n;
    }
  }

  @Override
  public long commit() {
    checkOpen();
    try {
      if (uploadId == null) {
        store
            .client()
            .putObject(store.putRequest(fullKey, count).build(), S3ObjectStore.body(buffer, count));
      } else {
        if (count > 0) {
          sendPart();
        }
        List<CompletedPart> completed = new ArrayList<>(parts.size());
        for (Future<CompletedPart> part : parts) {
          completed.add(await(part));
        }
        store
            .client()
            .completeMultipartUpload(
                b ->
                    b.bucket(store.settings().bucket())
                        .key(fullKey)
                        .uploadId(uploadId)
                        .multipartUpload(m -> m.parts(completed)));
      }
      state = State.COMMITTED;
      releaseBuffers();
      return position;
    } catch (SdkException e) {
      abort();
      throw S3Errors.translate("upload", key, e);
    } catch (RuntimeException | Error e) {
      abort();
      throw e;
    }
  }

  @Override
  public void abort() {
    if (state != State.OPEN) {
      return;
    }
    state = State.ABORTED;
    if (uploadId != null) {
      // Parts still arriving after the abort would be stored again, so wait for them first.
      for (Future<CompletedPart> part : parts) {
        part.cancel(false);
      }
      for (Future<CompletedPart> part : parts) {
        try {
          part.get();
        } catch (CancellationException | ExecutionException e) {
          // Failed or never started: nothing to wait for.
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      try {
        store
            .client()
            .abortMultipartUpload(
                b -> b.bucket(store.settings().bucket()).key(fullKey).uploadId(uploadId));
      } catch (SdkException e) {
        // A bucket lifecycle rule for incomplete multipart uploads cleans up what we could not.
      }
    }
    releaseBuffers();
  }

  /** Called with a full buffer, or with the small first buffer that must grow. */
  private void makeRoom(int wanted) {
    if (buffer.length < partSize) {
      long grown = Math.max((long) buffer.length * 2, (long) count + wanted);
      buffer = Arrays.copyOf(buffer, (int) Math.min(partSize, Math.max(INITIAL_BUFFER, grown)));
      return;
    }
    sendPart();
  }

  private void sendPart() {
    if (uploadId == null) {
      try {
        uploadId =
            store
                .client()
                .createMultipartUpload(
                    b -> {
                      b.bucket(store.settings().bucket())
                          .key(fullKey)
                          .contentType("application/octet-stream");
                      if (store.settings().checksums()) {
                        b.checksumAlgorithm(ChecksumAlgorithm.CRC32);
                      }
                    })
                .uploadId();
      } catch (SdkException e) {
        abort();
        throw S3Errors.translate("start multipart upload of", key, e);
      }
    }
    if (parts.size() == MAX_PARTS) {
      abort();
      throw new StorageException(
          "cannot upload " + key + ": more than " + MAX_PARTS + " parts of " + partSize + " bytes",
          false);
    }
    failFastOnSentParts();
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort();
      throw new StorageException("interrupted while uploading " + key, false, e);
    }
    int partNumber = parts.size() + 1;
    byte[] data = buffer;
    int length = count;
    try {
      parts.add(store.uploadExecutor().submit(() -> sendPart(partNumber, data, length)));
    } catch (RejectedExecutionException e) {
      inFlight.release();
      abort();
      throw new StorageException("cannot upload " + key + ": the store is closed", false, e);
    }
    buffer = nextBuffer();
    count = 0;
  }

  private CompletedPart sendPart(int partNumber, byte[] data, int length) {
    try {
      UploadPartRequest.Builder request =
          UploadPartRequest.builder()
              .bucket(store.settings().bucket())
              .key(fullKey)
              .uploadId(uploadId)
              .partNumber(partNumber)
              .contentLength((long) length);
      if (store.settings().checksums()) {
        request.checksumAlgorithm(ChecksumAlgorithm.CRC32);
      }
      UploadPartResponse response =
          store.client().uploadPart(request.build(), S3ObjectStore.body(data, length));
      return CompletedPart.builder()
          .partNumber(partNumber)
          .eTag(response.eTag())
          .checksumCRC32(response.checksumCRC32())
          .build();
    } finally {
      synchronized (spareBuffers) {
        spareBuffers.push(data);
      }
      inFlight.release();
    }
  }

  private byte[] nextBuffer() {
    synchronized (spareBuffers) {
      byte[] spare = spareBuffers.poll();
      if (spare != null) {
        return spare;
      }
    }
    return new byte[partSize];
  }

  /** Stops writing into a doomed upload as soon as a part has failed. */
  private void failFastOnSentParts() {
    while (checkedParts < parts.size() && parts.get(checkedParts).isDone()) {
      await(parts.get(checkedParts));
      checkedParts++;
    }
  }

  private CompletedPart await(Future<CompletedPart> part) {
    try {
      return part.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort();
      throw new StorageException("interrupted while uploading " + key, false, e);
    } catch (ExecutionException e) {
      abort();
      Throwable cause = e.getCause();
      if (cause instanceof SdkException sdk) {
        throw S3Errors.translate("upload part of", key, sdk);
      }
      throw new StorageException("cannot upload a part of " + key, false, cause);
    }
  }

  private void releaseBuffers() {
    buffer = new byte[0];
    count = 0;
    synchronized (spareBuffers) {
      spareBuffers.clear();
    }
  }

  private void checkOpen() {
    if (state != State.OPEN) {
      throw new IllegalStateException("upload of " + key + " is already " + state);
    }
  }
}
