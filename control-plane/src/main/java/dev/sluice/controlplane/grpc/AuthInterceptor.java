package dev.sluice.controlplane.grpc;

import dev.sluice.controlplane.error.SluiceException;
import dev.sluice.controlplane.security.TokenAuthenticator;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** Refuses admin and lease calls without the right bearer token, before any service code runs. */
@ApplicationScoped
@GlobalInterceptor
public class AuthInterceptor implements ServerInterceptor {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  @Inject TokenAuthenticator authenticator;

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Optional<SluiceException> refusal =
        authenticator.refusal(
            call.getMethodDescriptor().getServiceName(),
            Optional.ofNullable(headers.get(AUTHORIZATION)));
    if (refusal.isPresent()) {
      call.close(GrpcErrors.toStatus(refusal.get()).getStatus(), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }
}
