package dev.sluice.controlplane.jobs;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Private keys in the PEM shapes the Java Kafka client reads. It takes PKCS#8 only ({@code BEGIN
 * PRIVATE KEY} or {@code BEGIN ENCRYPTED PRIVATE KEY}), while the keys StarRocks users hand to
 * librdkafka are often PKCS#1 ({@code BEGIN RSA PRIVATE KEY}): an unencrypted one is rewrapped,
 * anything else gets a message saying how to convert it.
 */
final class PemKeys {
  private static final Pattern PKCS1 =
      Pattern.compile(
          "-----BEGIN RSA PRIVATE KEY-----(.*?)-----END RSA PRIVATE KEY-----", Pattern.DOTALL);
  // AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  private PemKeys() {}

  /** The key as PKCS#8 PEM; {@code what} names the property in error messages. */
  static String toPkcs8(String pem, String what) {
    if (pem.contains("BEGIN PRIVATE KEY") || pem.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
      return pem;
    }
    Matcher pkcs1 = PKCS1.matcher(pem);
    if (pkcs1.find() && !pkcs1.group(1).contains("ENCRYPTED")) {
      byte[] der;
      try {
        der = Base64.getMimeDecoder().decode(pkcs1.group(1).trim());
      } catch (IllegalArgumentException e) {
        throw JobProperties.invalid(what + ": the RSA private key is not valid base64");
      }
      return pem(wrapRsa(der));
    }
    throw JobProperties.invalid(
        what
            + ": the private key must be PEM PKCS#8 (BEGIN PRIVATE KEY or BEGIN ENCRYPTED"
            + " PRIVATE KEY); convert it with: openssl pkcs8 -topk8 -in key.pem -out key8.pem");
  }

  /** PrivateKeyInfo ::= SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING pkcs1 }. */
  private static byte[] wrapRsa(byte[] pkcs1) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x00});
    body.writeBytes(RSA_ALGORITHM);
    body.write(0x04);
    body.writeBytes(length(pkcs1.length));
    body.writeBytes(pkcs1);
    ByteArrayOutputStream info = new ByteArrayOutputStream();
    info.write(0x30);
    info.writeBytes(length(body.size()));
    info.writeBytes(body.toByteArray());
    return info.toByteArray();
  }

  private static byte[] length(int length) {
    if (length < 0x80) {
      return new byte[] {(byte) length};
    }
    if (length < 0x100) {
      return new byte[] {(byte) 0x81, (byte) length};
    }
    if (length < 0x10000) {
      return new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
    }
    return new byte[] {(byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
  }

  private static String pem(byte[] der) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END PRIVATE KEY-----\n";
  }
}
