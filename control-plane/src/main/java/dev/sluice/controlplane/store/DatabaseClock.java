package dev.sluice.controlplane.store;

import static java.util.Objects.requireNonNull;

import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * PostgreSQL's clock, as every replica's decisions must use it: lease expiry, the alive-worker
 * window and the plan compare instants written by other replicas, so a replica whose own clock is a
 * few seconds off would see every other replica's leases as expired, or their workers as dead, and
 * undo their work every second.
 *
 * <p>PostgreSQL's clock is sampled every {@link #RESAMPLE_EVERY} by a thread of its own and carried
 * forward with the monotonic clock in between, so reading the time never waits for the database (it
 * is read inside transactions that already hold a pooled connection) and a jump of this machine's
 * wall clock changes nothing. The error against PostgreSQL is at most half the sampling query's
 * round trip plus the monotonic clock's drift over the interval: milliseconds, against leases of
 * seconds. While PostgreSQL cannot be reached the last sample is carried on.
 */
public final class DatabaseClock implements InstantSource, AutoCloseable {
  static final Duration RESAMPLE_EVERY = Duration.ofSeconds(10);
  private static final Logger LOG = Logger.getLogger(DatabaseClock.class.getName());

  private record Sample(Instant databaseTime, long atNanos) {}

  private final Database database;
  private final LongSupplier nanoTime;
  private final ScheduledExecutorService refresher;
  private volatile Sample sample;

  /** A clock that samples PostgreSQL now and every {@link #RESAMPLE_EVERY} from now on. */
  public static DatabaseClock started(Database database) {
    ScheduledExecutorService refresher =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "sluice-database-clock");
              thread.setDaemon(true);
              return thread;
            });
    DatabaseClock clock = new DatabaseClock(database, System::nanoTime, refresher);
    clock.refresh();
    long period = RESAMPLE_EVERY.toMillis();
    refresher.scheduleWithFixedDelay(clock::refresh, period, period, TimeUnit.MILLISECONDS);
    return clock;
  }

  DatabaseClock(Database database, LongSupplier nanoTime, ScheduledExecutorService refresher) {
    this.database = requireNonNull(database, "database is null");
    this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    this.refresher = requireNonNull(refresher, "refresher is null");
  }

  @Override
  public Instant instant() {
    Sample current = sample;
    if (current == null) {
      throw new SluiceException(
          ErrorCode.DATABASE_UNAVAILABLE, "PostgreSQL's clock has not been read yet");
    }
    return current.databaseTime().plusNanos(nanoTime.getAsLong() - current.atNanos());
  }

  /** Reads PostgreSQL's clock; on failure the last sample is carried on. */
  void refresh() {
    long before = nanoTime.getAsLong();
    try {
      Instant now =
          database.inTransaction(
              connection -> {
                try (Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT clock_timestamp()")) {
                  row.next();
                  return row.getTimestamp(1).toInstant();
                }
              });
      long after = nanoTime.getAsLong();
      // The server read its clock somewhere within the round trip: assume its middle.
      sample = new Sample(now, before + (after - before) / 2);
    } catch (RuntimeException e) {
      LOG.warning("PostgreSQL's clock not read, carrying the last sample on: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }
}
