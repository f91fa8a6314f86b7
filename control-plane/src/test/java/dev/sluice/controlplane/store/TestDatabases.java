package dev.sluice.controlplane.store;

import dev.sluice.testing.PostgresServer;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/** Fresh, migrated databases on the shared PostgreSQL server: one per test, isolated by name. */
public final class TestDatabases {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private TestDatabases() {}

  public static DataSource createMigrated(String prefix) {
    PostgresServer server = PostgresServer.shared();
    String name = prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    String url = server.createDatabase(name);
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(url);
    dataSource.setUser(server.user());
    dataSource.setPassword(server.password());
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    return dataSource;
  }
}
