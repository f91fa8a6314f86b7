package dev.sluice.controlplane.ops;

import dev.sluice.controlplane.autoscale.AutoscaleStore;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * {@code GET /autoscale/desired-workers}: the autoscale figure as JSON, for KEDA's metrics-api
 * scaler ({@code valueLocation: desiredWorkers}) or anything else that polls HTTP. Answers 503
 * until the policy first ran.
 */
@ApplicationScoped
public class DesiredWorkersRoute {
  public static final String PATH = "/autoscale/desired-workers";

  @Inject AutoscaleStore autoscaler;

  void register(@Observes Router router) {
    router
        .get(PATH)
        .blockingHandler(
            context -> {
              try {
                autoscaler
                    .current()
                    .ifPresentOrElse(
                        decision ->
                            context
                                .response()
                                .putHeader("Content-Type", "application/json")
                                .end(
                                    "{\"desiredWorkers\":"
                                        + decision.desiredWorkers()
                                        + ",\"evaluatedAt\":\""
                                        + decision.evaluatedAt()
                                        + "\"}"),
                        () ->
                            context
                                .response()
                                .setStatusCode(503)
                                .end("the autoscale policy has not run yet"));
              } catch (RuntimeException e) {
                context.response().setStatusCode(503).end("PostgreSQL: " + e.getMessage());
              }
            });
  }
}
