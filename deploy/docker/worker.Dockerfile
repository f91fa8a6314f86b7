# JVM image of the worker. Build from the repository root:
#   docker build -f deploy/docker/worker.Dockerfile -t sluice/worker .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q package -pl worker -am -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/worker/target/quarkus-app/ /app/
ENV QUARKUS_HTTP_HOST=0.0.0.0
EXPOSE 9091
USER 1001
# Arrow needs java.nio opened on Java 17+.
ENTRYPOINT ["java", "--add-opens=java.base/java.nio=ALL-UNNAMED", "-jar", "/app/quarkus-run.jar"]
