package dev.sluice.controlplane.security;

import static dev.sluice.controlplane.security.TokenAuthenticator.ADMIN_SERVICE;
import static dev.sluice.controlplane.security.TokenAuthenticator.LEASE_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.controlplane.error.ErrorCode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenAuthenticatorTest {
  private final TokenAuthenticator auth =
      new TokenAuthenticator(Optional.of("admin-t"), Optional.of("worker-t"));

  @Test
  void eachApiTakesItsOwnToken() {
    assertThat(auth.refusal(ADMIN_SERVICE, Optional.of("Bearer admin-t"))).isEmpty();
    assertThat(auth.refusal(LEASE_SERVICE, Optional.of("bearer worker-t"))).isEmpty();
  }

  @Test
  void aWorkerTokenCannotAdministerAndAnAdminTokenCannotCommit() {
    assertThat(auth.refusal(ADMIN_SERVICE, Optional.of("Bearer worker-t")))
        .hasValueSatisfying(
            error -> {
              assertThat(error.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
              assertThat(error.getMessage()).isEqualTo("a worker token cannot call the admin API");
            });
    assertThat(auth.refusal(LEASE_SERVICE, Optional.of("Bearer admin-t")))
        .hasValueSatisfying(
            error -> {
              assertThat(error.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
              assertThat(error.getMessage()).isEqualTo("an admin token cannot call the lease API");
            });
  }

  @Test
  void missingOrWrongTokensAreUnauthenticated() {
    assertThat(auth.refusal(ADMIN_SERVICE, Optional.empty()))
        .hasValueSatisfying(
            error -> {
              assertThat(error.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
              assertThat(error.getMessage()).startsWith("the admin API needs a token");
            });
    assertThat(auth.refusal(LEASE_SERVICE, Optional.of("Bearer guess")))
        .hasValueSatisfying(
            error -> {
              assertThat(error.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
              assertThat(error.getMessage()).isEqualTo("the token is not valid for the lease API");
            });
    assertThat(auth.refusal(ADMIN_SERVICE, Optional.of("admin-t")))
        .hasValueSatisfying(error -> assertThat(error.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
  }

  @Test
  void unconfiguredTokensLeaveTheirApiOpenAndOtherServicesAreNotGuarded() {
    TokenAuthenticator adminOnly = new TokenAuthenticator(Optional.of("admin-t"), Optional.of(""));
    assertThat(adminOnly.enabled()).isTrue();
    assertThat(adminOnly.refusal(LEASE_SERVICE, Optional.empty())).isEmpty();
    assertThat(adminOnly.refusal(ADMIN_SERVICE, Optional.empty())).isPresent();
    TokenAuthenticator none = new TokenAuthenticator(Optional.empty(), Optional.empty());
    assertThat(none.enabled()).isFalse();
    assertThat(none.refusal(ADMIN_SERVICE, Optional.empty())).isEmpty();
    assertThat(auth.refusal("grpc.health.v1.Health", Optional.empty())).isEmpty();
  }

  @Test
  void theTwoTokensMustDiffer() {
    assertThatThrownBy(() -> new TokenAuthenticator(Optional.of("same"), Optional.of("same")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sluice.auth.admin-token and sluice.auth.worker-token must differ");
  }
}
