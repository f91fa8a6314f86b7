package dev.sluice.controlplane.store;

import static java.util.Objects.requireNonNull;

import dev.sluice.controlplane.error.SluiceException;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * PostgreSQL's clock, as every replica's decisions must use it: lease expiry, the alive-worker
 * window and the plan compare instants written by other replicas, so a replica whose own clock is a
 * few seconds off would see every other replica's leases as expired, or their workers as dead, and
 * undo their work every second.
 *
 * <p>PostgreSQL's {@code now()} is sampled at most every {@link #RESAMPLE_EVERY} and carried
 * forward with the monotonic clock in between, so no decision costs an extra round trip and a jump
 * of this machine's wall clock changes nothing. The error against PostgreSQL is at most half the
 * sampling query's round trip plus the monotonic clock's drift over the interval: milliseconds,
 * against leases of seconds. When PostgreSQL cannot be reached the last sample is carried on.
 */
public final class DatabaseClock implements InstantSource {
  static final Duration RESAMPLE_EVERY = Duration.ofSeconds(10);
  private static final Logger LOG = Logger.getLogger(DatabaseClock.class.getName());

  private final Database database;
  private final LongSupplier nanoTime;
  private Instant sampled;
  private long sampledAtNanos;
  private long nextSampleAtNanos;

  public DatabaseClock(Database database) {
    this(database, System::nanoTime);
  }

  DatabaseClock(Database database, LongSupplier nanoTime) {
    this.database = requireNonNull(database, "database is null");
    this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
  }

  @Override
  public synchronized Instant instant() {
    if (sampled == null || nanoTime.getAsLong() - nextSampleAtNanos >= 0) {
      sample();
    }
    return sampled.plusNanos(nanoTime.getAsLong() - sampledAtNanos);
  }

  private void sample() {
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
      sampled = now;
      sampledAtNanos = before + (after - before) / 2;
      nextSampleAtNanos = after + RESAMPLE_EVERY.toNanos();
    } catch (SluiceException e) {
      if (sampled == null) {
        throw e;
      }
      // Carried on; the next call tries again.
      LOG.fine("PostgreSQL's clock not reachable, carrying the last sample on: " + e.getMessage());
    }
  }
}
