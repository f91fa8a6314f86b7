# Native image of the worker, built with Mandrel (GraalVM for Quarkus). Build from the root:
#   docker build -f deploy/docker/worker-native.Dockerfile -t sluice/worker-native .
# Not built by the test suite: no GraalVM distribution is reachable from the build machines.
FROM quay.io/quarkus/ubi-quarkus-mandrel-builder-image:jdk-21 AS build
USER root
WORKDIR /src
COPY --chown=quarkus:quarkus . .
USER quarkus
RUN ./mvnw -B -q package -pl worker -am -DskipTests -Dquarkus.native.enabled=true \
      -Dquarkus.package.jar.enabled=false

FROM quay.io/quarkus/quarkus-micro-image:2.0
WORKDIR /work
COPY --from=build /src/worker/target/*-runner /work/worker
ENV QUARKUS_HTTP_HOST=0.0.0.0
EXPOSE 9091
USER 1001
ENTRYPOINT ["/work/worker"]
