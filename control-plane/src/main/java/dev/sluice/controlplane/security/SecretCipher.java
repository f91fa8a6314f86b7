package dev.sluice.controlplane.security;

import static java.util.Objects.requireNonNull;

import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets before they reach PostgreSQL and decrypts them where a client needs them (the
 * worker's lease, the control plane's Kafka admin client). AES-GCM with a key given to the control
 * plane ({@code sluice.secrets.key}, base64 of 16, 24 or 32 bytes); a sealed value reads {@code
 * sealed:v1:<base64(iv ‖ ciphertext ‖ tag)>}.
 *
 * <p>Without a key, values are stored as given (the control plane warns at start). A value that is
 * not sealed opens as itself, so rows written before a key was configured keep working.
 */
public final class SecretCipher {
  static final String PREFIX = "sealed:v1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Optional<SecretKey> key;

  private SecretCipher(Optional<SecretKey> key) {
    this.key = key;
  }

  /** A cipher that stores values as given. */
  public static SecretCipher disabled() {
    return new SecretCipher(Optional.empty());
  }

  /** The cipher for {@code sluice.secrets.key}: empty or blank disables encryption. */
  public static SecretCipher fromConfig(Optional<String> base64Key) {
    requireNonNull(base64Key, "base64Key is null");
    Optional<String> text = base64Key.map(String::trim).filter(k -> !k.isEmpty());
    if (text.isEmpty()) {
      return disabled();
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text.get());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("sluice.secrets.key is not valid base64");
    }
    if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
      throw new IllegalArgumentException(
          "sluice.secrets.key must be the base64 of 16, 24 or 32 bytes, not " + bytes.length);
    }
    return new SecretCipher(Optional.of(new SecretKeySpec(bytes, "AES")));
  }

  /** A fresh random 32-byte key, base64, for {@code sluice.secrets.key}. */
  public static String newKey() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  public boolean enabled() {
    return key.isPresent();
  }

  /** The value to store: encrypted when a key is set; a value already sealed stays as it is. */
  public String seal(String plaintext) {
    requireNonNull(plaintext, "plaintext is null");
    if (key.isEmpty() || isSealed(plaintext)) {
      return plaintext;
    }
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      ByteBuffer out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed);
      return PREFIX + Base64.getEncoder().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  /** The plaintext of a stored value. */
  public String open(String stored) {
    requireNonNull(stored, "stored is null");
    if (!isSealed(stored)) {
      return stored;
    }
    if (key.isEmpty()) {
      throw new SluiceException(
          ErrorCode.INVALID_STATE,
          "A stored secret is encrypted but sluice.secrets.key is not set on this control plane");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw unreadable();
    }
    if (bytes.length <= IV_BYTES) {
      throw unreadable();
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
      byte[] plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (javax.crypto.AEADBadTagException e) {
      throw unreadable();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  /** {@code properties} with every secret value (see {@link SecretNames}) sealed. */
  public Map<String, String> sealSecrets(Map<String, String> properties) {
    Map<String, String> sealed = new LinkedHashMap<>();
    properties.forEach(
        (name, value) ->
            sealed.put(name, SecretNames.holdsSecret(name, value) ? seal(value) : value));
    return sealed;
  }

  /** {@code properties} with every sealed value opened. */
  public Map<String, String> openSecrets(Map<String, String> properties) {
    Map<String, String> open = new LinkedHashMap<>();
    properties.forEach((name, value) -> open.put(name, open(value)));
    return open;
  }

  static boolean isSealed(String value) {
    return value.startsWith(PREFIX);
  }

  private static SluiceException unreadable() {
    return new SluiceException(
        ErrorCode.INVALID_STATE,
        "A stored secret cannot be decrypted: sluice.secrets.key is not the key it was"
            + " encrypted with");
  }
}
