package dev.sluice.controlplane.autoscale;

import static java.util.Objects.requireNonNull;

import dev.sluice.controlplane.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs the policy against the state row in PostgreSQL. Every replica calls {@link #evaluate} on its
 * own schedule; the row lock and {@code evaluated_at} make the policy advance at most once per
 * interval whatever the number of replicas, and all of them read back the same figure.
 */
public final class AutoscaleStore {
  /** The figure and when the policy last ran. */
  public record Decision(int desiredWorkers, Instant evaluatedAt) {
    public Decision {
      requireNonNull(evaluatedAt, "evaluatedAt is null");
    }
  }

  private final Database database;
  private final AutoscalePolicy policy;
  private final Duration interval;

  public AutoscaleStore(Database database, AutoscalePolicy policy, Duration interval) {
    this.database = requireNonNull(database, "database is null");
    this.policy = requireNonNull(policy, "policy is null");
    this.interval = requireNonNull(interval, "interval is null");
  }

  /** Runs the policy unless another replica did within the interval; returns the current figure. */
  public Decision evaluate(AutoscaleSignals signals, Instant now) {
    requireNonNull(signals, "signals is null");
    requireNonNull(now, "now is null");
    return database.inTransaction(
        connection -> {
          Optional<Stored> stored = lock(connection);
          if (stored.isPresent() && stored.get().evaluatedAt().plus(interval).isAfter(now)) {
            return new Decision(stored.get().state().desiredWorkers(), stored.get().evaluatedAt());
          }
          AutoscaleState next = policy.decide(stored.map(Stored::state), signals, now);
          save(connection, next, now, stored.isEmpty());
          return new Decision(next.desiredWorkers(), now);
        });
  }

  /** The figure as last decided, if the policy ever ran. */
  public Optional<Decision> current() {
    return database.inTransaction(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT desired_workers, evaluated_at FROM autoscaler_state WHERE id = 1")) {
            try (ResultSet row = select.executeQuery()) {
              return row.next()
                  ? Optional.of(new Decision(row.getInt(1), row.getTimestamp(2).toInstant()))
                  : Optional.empty();
            }
          }
        });
  }

  private record Stored(AutoscaleState state, Instant evaluatedAt) {}

  private static Optional<Stored> lock(Connection connection) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            """
            SELECT desired_workers, behind_since, quiet_since, last_scale_out, last_change,
                   evaluated_at
              FROM autoscaler_state WHERE id = 1 FOR UPDATE
            """)) {
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Stored(
                new AutoscaleState(
                    row.getInt(1),
                    instant(row.getTimestamp(2)),
                    instant(row.getTimestamp(3)),
                    instant(row.getTimestamp(4)),
                    instant(row.getTimestamp(5))),
                row.getTimestamp(6).toInstant()));
      }
    }
  }

  private static void save(Connection connection, AutoscaleState state, Instant now, boolean first)
      throws SQLException {
    // Two replicas may both find no row at the very first run; the second insert does nothing.
    String sql =
        first
            ? """
              INSERT INTO autoscaler_state (desired_workers, behind_since, quiet_since,
                  last_scale_out, last_change, evaluated_at, id)
              VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
              """
            : """
              UPDATE autoscaler_state
                 SET desired_workers = ?, behind_since = ?, quiet_since = ?, last_scale_out = ?,
                     last_change = ?, evaluated_at = ?
               WHERE id = ?
              """;
    try (PreparedStatement write = connection.prepareStatement(sql)) {
      write.setInt(1, state.desiredWorkers());
      write.setTimestamp(2, timestamp(state.behindSince()));
      write.setTimestamp(3, timestamp(state.quietSince()));
      write.setTimestamp(4, timestamp(state.lastScaleOut()));
      write.setTimestamp(5, timestamp(state.lastChange()));
      write.setTimestamp(6, Timestamp.from(now));
      write.setInt(7, 1);
      write.executeUpdate();
    }
  }

  private static Optional<Instant> instant(Timestamp timestamp) {
    return Optional.ofNullable(timestamp).map(Timestamp::toInstant);
  }

  private static Timestamp timestamp(Optional<Instant> instant) {
    return instant.map(Timestamp::from).orElse(null);
  }
}
