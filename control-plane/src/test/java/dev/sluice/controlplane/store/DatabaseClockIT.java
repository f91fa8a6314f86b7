package dev.sluice.controlplane.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The control plane's decisions use PostgreSQL's clock, carried on by the monotonic clock. */
class DatabaseClockIT {
  private final PGSimpleDataSource dataSource =
      (PGSimpleDataSource) TestDatabases.createMigrated("clock");
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final DatabaseClock clock = new DatabaseClock(new Database(dataSource), nanos::get);

  @Test
  void readsPostgresTimeAndCarriesItOnWithTheMonotonicClock() throws Exception {
    Instant first = clock.instant();
    assertThat(Duration.between(first, databaseNow()).abs()).isLessThan(Duration.ofSeconds(1));

    // Within the interval the sample is carried on, not read again (which would not move by 4 s).
    nanos.addAndGet(Duration.ofSeconds(4).toNanos());
    assertThat(clock.instant()).isEqualTo(first.plusSeconds(4));

    // After it, PostgreSQL is asked again: its clock did not move by 14 s.
    nanos.addAndGet(DatabaseClock.RESAMPLE_EVERY.toNanos());
    Instant resampled = clock.instant();
    assertThat(resampled).isNotEqualTo(first.plus(DatabaseClock.RESAMPLE_EVERY.plusSeconds(4)));
    assertThat(Duration.between(resampled, databaseNow()).abs()).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void anUnreachableDatabaseCarriesTheLastSampleOn() throws Exception {
    Instant first = clock.instant();
    int port = dataSource.getPortNumbers()[0];
    dataSource.setPortNumbers(new int[] {1});
    try {
      nanos.addAndGet(DatabaseClock.RESAMPLE_EVERY.plusSeconds(5).toNanos());
      assertThat(clock.instant())
          .isEqualTo(first.plus(DatabaseClock.RESAMPLE_EVERY.plusSeconds(5)));
    } finally {
      dataSource.setPortNumbers(new int[] {port});
    }
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(Duration.between(clock.instant(), databaseNow()).abs())
        .isLessThan(Duration.ofSeconds(1));
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
