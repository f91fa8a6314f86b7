package dev.sluice.controlplane.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.controlplane.error.SluiceException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The control plane's decisions use PostgreSQL's clock, carried on by the monotonic clock. */
class DatabaseClockIT {
  private final PGSimpleDataSource dataSource =
      (PGSimpleDataSource) TestDatabases.createMigrated("clock");
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final DatabaseClock clock =
      new DatabaseClock(
          new Database(dataSource), nanos::get, Executors.newSingleThreadScheduledExecutor());

  @Test
  void readsPostgresTimeAndCarriesItOnWithTheMonotonicClock() throws Exception {
    assertThatThrownBy(clock::instant)
        .isInstanceOf(SluiceException.class)
        .hasMessage("PostgreSQL's clock has not been read yet");
    clock.refresh();
    Instant first = clock.instant();
    assertThat(Duration.between(first, databaseNow()).abs()).isLessThan(Duration.ofSeconds(1));

    // Between samples the time moves with the monotonic clock only.
    nanos.addAndGet(Duration.ofSeconds(4).toNanos());
    assertThat(clock.instant()).isEqualTo(first.plusSeconds(4));

    // A new sample brings it back to PostgreSQL's, which did not move by 4 s.
    clock.refresh();
    assertThat(Duration.between(clock.instant(), databaseNow()).abs())
        .isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void anUnreachableDatabaseCarriesTheLastSampleOn() throws Exception {
    clock.refresh();
    Instant first = clock.instant();
    int port = dataSource.getPortNumbers()[0];
    dataSource.setPortNumbers(new int[] {1});
    try {
      nanos.addAndGet(Duration.ofSeconds(15).toNanos());
      clock.refresh();
      assertThat(clock.instant()).isEqualTo(first.plusSeconds(15));
    } finally {
      dataSource.setPortNumbers(new int[] {port});
    }
  }

  @Test
  void theStartedClockHasReadPostgresAlready() throws Exception {
    try (DatabaseClock started = DatabaseClock.started(new Database(dataSource))) {
      assertThat(Duration.between(started.instant(), databaseNow()).abs())
          .isLessThan(Duration.ofSeconds(1));
    }
  }

  private Instant databaseNow() throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet row = s.executeQuery("SELECT clock_timestamp()")) {
      row.next();
      return row.getTimestamp(1).toInstant();
    }
  }
}
