package dev.sluice.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The few S3 requests the server class itself needs, signed with AWS signature version 2 so that
 * this module does not drag the AWS SDK onto every test class path.
 */
final class S3Requests {

  record Response(int status, String body) {}

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

  private S3Requests() {}

  /** Any HTTP answer means the server is up; connection failures mean it is not (yet). */
  static boolean answers(String endpoint) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(endpoint + "/")).timeout(Duration.ofSeconds(2)).build();
      HTTP.send(request, HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static Response put(String endpoint, String accessKey, String secretKey, String path) {
    // java.net.http refuses to set Date, so the signed time travels in x-amz-date.
    String date = HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
    String stringToSign = "PUT\n\n\n\nx-amz-date:" + date + "\n" + path;
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(endpoint + path))
            .timeout(Duration.ofSeconds(30))
            .header("x-amz-date", date)
            .header("Authorization", "AWS " + accessKey + ":" + hmacSha1(secretKey, stringToSign))
            .PUT(HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException("PUT " + endpoint + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during PUT " + endpoint + path, e);
    }
  }

  private static String hmacSha1(String key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is not available", e);
    }
  }
}
