# JVM image of the control plane. Build from the repository root:
#   docker build -f deploy/docker/control-plane.Dockerfile -t sluice/control-plane .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q package -pl control-plane -am -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/control-plane/target/quarkus-app/ /app/
# Containers listen on every interface; outside containers the default stays 127.0.0.1.
ENV QUARKUS_HTTP_HOST=0.0.0.0
EXPOSE 9090
USER 1001
ENTRYPOINT ["java", "-jar", "/app/quarkus-run.jar"]
