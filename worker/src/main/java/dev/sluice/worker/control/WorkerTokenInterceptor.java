package dev.sluice.worker.control;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends {@code sluice.worker.token} (env SLUICE_WORKER_TOKEN) as a bearer token on every call to
 * the control plane's lease API; nothing is sent when it is not set.
 */
@ApplicationScoped
@GlobalInterceptor
public class WorkerTokenInterceptor implements ClientInterceptor {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  @ConfigProperty(name = "sluice.worker.token")
  Optional<String> token;

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    ClientCall<Q, R> call = next.newCall(method, options);
    Optional<String> bearer = token.filter(t -> !t.isBlank());
    if (bearer.isEmpty()) {
      return call;
    }
    return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        headers.put(AUTHORIZATION, "Bearer " + bearer.get());
        super.start(listener, headers);
      }
    };
  }
}
