package dev.sluice.controlplane.security;

import static java.util.Objects.requireNonNull;

import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may call which API: the admin API takes the admin token, the lease API the worker token, each
 * sent as {@code authorization: Bearer <token>}. An API whose token is not configured is open, so a
 * control plane without tokens behaves as before. Tokens are compared in constant time.
 */
public final class TokenAuthenticator {
  public static final String ADMIN_SERVICE = "sluice.v1.AdminService";
  public static final String LEASE_SERVICE = "sluice.v1.LeaseService";
  static final String BEARER = "Bearer ";

  private final Optional<String> adminToken;
  private final Optional<String> workerToken;

  public TokenAuthenticator(Optional<String> adminToken, Optional<String> workerToken) {
    this.adminToken = requireNonNull(adminToken, "adminToken is null").filter(t -> !t.isBlank());
    this.workerToken = requireNonNull(workerToken, "workerToken is null").filter(t -> !t.isBlank());
    if (this.adminToken.isPresent() && this.adminToken.equals(this.workerToken)) {
      throw new IllegalArgumentException(
          "sluice.auth.admin-token and sluice.auth.worker-token must differ");
    }
  }

  public boolean enabled() {
    return adminToken.isPresent() || workerToken.isPresent();
  }

  /**
   * Why a call to {@code service} with this authorization header is refused, or empty when it may
   * proceed. Services other than the admin and lease APIs (health, reflection) are not guarded.
   */
  public Optional<SluiceException> refusal(String service, Optional<String> authorization) {
    Optional<String> presented =
        authorization
            .filter(header -> header.regionMatches(true, 0, BEARER, 0, BEARER.length()))
            .map(header -> header.substring(BEARER.length()).trim());
    if (service.equals(ADMIN_SERVICE)) {
      return check(adminToken, workerToken, presented, "admin API", "a worker token");
    }
    if (service.equals(LEASE_SERVICE)) {
      return check(workerToken, adminToken, presented, "lease API", "an admin token");
    }
    return Optional.empty();
  }

  private static Optional<SluiceException> check(
      Optional<String> required,
      Optional<String> other,
      Optional<String> presented,
      String api,
      String otherKind) {
    if (required.isEmpty()) {
      return Optional.empty();
    }
    if (presented.isEmpty()) {
      return Optional.of(
          new SluiceException(
              ErrorCode.UNAUTHENTICATED,
              "the " + api + " needs a token (authorization: Bearer <token>)"));
    }
    if (matches(required.get(), presented.get())) {
      return Optional.empty();
    }
    if (other.isPresent() && matches(other.get(), presented.get())) {
      return Optional.of(
          new SluiceException(ErrorCode.PERMISSION_DENIED, otherKind + " cannot call the " + api));
    }
    return Optional.of(
        new SluiceException(ErrorCode.UNAUTHENTICATED, "the token is not valid for the " + api));
  }

  private static boolean matches(String expected, String presented) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }
}
