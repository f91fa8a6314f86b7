package dev.sluice.controlplane;

import dev.sluice.controlplane.catalog.CatalogService;
import dev.sluice.controlplane.catalog.ClusterId;
import dev.sluice.controlplane.catalog.FileService;
import dev.sluice.controlplane.catalog.StorageVolumeService;
import dev.sluice.controlplane.gc.OrphanCollector;
import dev.sluice.controlplane.jobs.JobService;
import dev.sluice.controlplane.jobs.KafkaAdminMetadata;
import dev.sluice.controlplane.jobs.KafkaClientConfig;
import dev.sluice.controlplane.jobs.KafkaMetadata;
import dev.sluice.controlplane.jobs.LeaseContents;
import dev.sluice.controlplane.jobs.RoutineLoadView;
import dev.sluice.controlplane.jobs.TaskPlanner;
import dev.sluice.controlplane.lease.CommitProcessor;
import dev.sluice.controlplane.lease.LeaseManager;
import dev.sluice.controlplane.query.QueryService;
import dev.sluice.controlplane.security.SecretCipher;
import dev.sluice.controlplane.security.TokenAuthenticator;
import dev.sluice.controlplane.sql.SqlService;
import dev.sluice.controlplane.sql.StatementExecutor;
import dev.sluice.controlplane.store.Database;
import dev.sluice.controlplane.store.DatabaseClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wires the plain-Java services of the control plane into Quarkus. The services themselves know
 * nothing of CDI, so their tests run them directly on a real PostgreSQL.
 */
@ApplicationScoped
public class ControlPlaneBeans {
  private static final Logger LOG = Logger.getLogger(ControlPlaneBeans.class.getName());

  @Produces
  @ApplicationScoped
  Database database(AgroalDataSource dataSource) {
    return new Database(dataSource);
  }

  /** Read once: it never changes (decision 0045). Singleton, as a record cannot be proxied. */
  @Produces
  @Singleton
  ClusterId clusterId(Database database) {
    ClusterId cluster = database.inTransaction(ClusterId::load);
    LOG.info("cluster id " + cluster);
    return cluster;
  }

  @Produces
  @ApplicationScoped
  SecretCipher secretCipher(@ConfigProperty(name = "sluice.secrets.key") Optional<String> key) {
    SecretCipher cipher = SecretCipher.fromConfig(key);
    if (!cipher.enabled()) {
      LOG.warning(
          "sluice.secrets.key is not set: credentials are stored unencrypted in PostgreSQL");
    }
    return cipher;
  }

  @Produces
  @ApplicationScoped
  TokenAuthenticator tokens(
      @ConfigProperty(name = "sluice.auth.admin-token") Optional<String> adminToken,
      @ConfigProperty(name = "sluice.auth.worker-token") Optional<String> workerToken) {
    TokenAuthenticator tokens = new TokenAuthenticator(adminToken, workerToken);
    if (!tokens.enabled()) {
      LOG.warning(
          "sluice.auth.admin-token and sluice.auth.worker-token are not set: the admin and lease"
              + " APIs accept every caller");
    }
    return tokens;
  }

  @Produces
  @ApplicationScoped
  FileService files(Database database, SecretCipher cipher) {
    return new FileService(database, cipher);
  }

  @Produces
  @ApplicationScoped
  KafkaClientConfig kafkaClients(Database database, FileService files, SecretCipher cipher) {
    return new KafkaClientConfig(database, files, cipher);
  }

  @Produces
  @ApplicationScoped
  InstantSource clock(Database database) {
    // Every replica decides by PostgreSQL's clock, never its own (DatabaseClock).
    return DatabaseClock.started(database);
  }

  @Produces
  @ApplicationScoped
  LeaseManager leaseManager(
      Database database,
      InstantSource clock,
      @ConfigProperty(name = "sluice.lease.duration") Duration leaseDuration,
      @ConfigProperty(name = "sluice.lease.abort-backoff") Duration abortBackoff) {
    return new LeaseManager(database, clock, leaseDuration, abortBackoff);
  }

  @Produces
  @ApplicationScoped
  CommitProcessor commitProcessor(Database database, InstantSource clock) {
    return new CommitProcessor(database, clock);
  }

  @Produces
  @ApplicationScoped
  StorageVolumeService storageVolumes(Database database, SecretCipher cipher) {
    return new StorageVolumeService(database, cipher);
  }

  @Produces
  @ApplicationScoped
  CatalogService catalog(Database database, StorageVolumeService volumes) {
    return new CatalogService(database, volumes);
  }

  @Produces
  @ApplicationScoped
  JobService jobs(
      Database database,
      InstantSource clock,
      KafkaClientConfig kafkaClients,
      @ConfigProperty(name = "sluice.timezone") String timezone) {
    return new JobService(database, clock, timezone, kafkaClients);
  }

  @Produces
  @ApplicationScoped
  RoutineLoadView routineLoadView(
      Database database,
      SecretCipher cipher,
      InstantSource clock,
      @ConfigProperty(name = "sluice.timezone") String timezone,
      @ConfigProperty(name = "sluice.routine-load-unstable-threshold") Duration unstable) {
    return new RoutineLoadView(database, ZoneId.of(timezone), cipher, clock, unstable);
  }

  @Produces
  @ApplicationScoped
  QueryService queries(
      Database database,
      StorageVolumeService volumes,
      @ConfigProperty(name = "sluice.query.cache-dir") String cacheDir) {
    return new QueryService(database, volumes, java.nio.file.Path.of(cacheDir));
  }

  void closeQueries(@Disposes QueryService queries) {
    queries.close();
  }

  @Produces
  @ApplicationScoped
  SqlService sql(
      CatalogService catalog,
      StorageVolumeService volumes,
      JobService jobs,
      RoutineLoadView view,
      QueryService queries,
      FileService files) {
    return new SqlService(new StatementExecutor(catalog, volumes, jobs, view, queries, files));
  }

  @Produces
  @ApplicationScoped
  LeaseContents leaseContents(
      Database database,
      KafkaClientConfig kafkaClients,
      StorageVolumeService volumes,
      ClusterId cluster) {
    return new LeaseContents(database, kafkaClients, volumes, cluster);
  }

  @Produces
  @ApplicationScoped
  @DefaultBean
  KafkaMetadata kafkaMetadata() {
    return new KafkaAdminMetadata();
  }

  void closeKafka(@Disposes KafkaMetadata kafka) throws Exception {
    if (kafka instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  @Produces
  @ApplicationScoped
  TaskPlanner planner(
      Database database,
      KafkaMetadata kafka,
      KafkaClientConfig kafkaClients,
      InstantSource clock,
      @ConfigProperty(name = "sluice.max-routine-load-task-concurrent-num") int maxConcurrent,
      @ConfigProperty(name = "sluice.worker.alive-window") Duration aliveWindow) {
    return new TaskPlanner(database, kafka, kafkaClients, clock, maxConcurrent, aliveWindow);
  }

  @Produces
  @ApplicationScoped
  OrphanCollector orphanCollector(
      Database database,
      ClusterId cluster,
      InstantSource clock,
      @ConfigProperty(name = "sluice.gc.grace-period") Duration gracePeriod) {
    return new OrphanCollector(database, cluster, clock, gracePeriod);
  }
}
