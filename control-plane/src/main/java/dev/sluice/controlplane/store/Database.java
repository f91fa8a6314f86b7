package dev.sluice.controlplane.store;

import static java.util.Objects.requireNonNull;

import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs units of work in PostgreSQL transactions. Every state change of the control plane goes
 * through {@link #inTransaction}, so a crash at any point leaves either all of a change or none.
 */
public final class Database {
  /** A unit of work on one connection inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  // Serialization failures and deadlocks are safe to retry: PostgreSQL rolled the work back.
  private static final int MAX_ATTEMPTS = 5;

  private final DataSource dataSource;

  public Database(DataSource dataSource) {
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
  }

  public <T> T inTransaction(Work<T> work) {
    // Stated, not inherited from the server's default: the commit protocol relies on each
    // statement seeing what committed before it started (a resend of a commit reads the first
    // send's load transaction right after waiting for its lock); REPEATABLE READ would hide it.
    return run(Connection.TRANSACTION_READ_COMMITTED, false, work);
  }

  /**
   * Reads in one snapshot of the database, for views made of several statements (SHOW ROUTINE
   * LOAD's Progress and Statistic, a table's manifest): under READ COMMITTED a commit landing
   * between two of them would show its offsets without its rows.
   */
  public <T> T inSnapshot(Work<T> work) {
    return run(Connection.TRANSACTION_REPEATABLE_READ, true, work);
  }

  private <T> T run(int isolation, boolean readOnly, Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setTransactionIsolation(isolation);
        connection.setReadOnly(readOnly);
        connection.setAutoCommit(false);
        try {
          T result = work.run(connection);
          connection.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(connection, e);
          throw e;
        }
      } catch (SQLException e) {
        if (isRetryable(e) && attempt < MAX_ATTEMPTS) {
          continue;
        }
        if (isRejectedValue(e)) {
          // The request carried a value PostgreSQL cannot store; retrying cannot help.
          throw new SluiceException(
              ErrorCode.INVALID_ARGUMENT, "Value rejected by PostgreSQL: " + serverMessage(e), e);
        }
        throw new SluiceException(
            ErrorCode.DATABASE_UNAVAILABLE, "PostgreSQL: " + e.getMessage(), e);
      }
    }
  }

  private static boolean isRetryable(SQLException e) {
    String state = e.getSQLState();
    return "40001".equals(state) || "40P01".equals(state);
  }

  /**
   * Class 22 (data exception: a NUL byte, a value out of range) and 54 (program limit exceeded: a
   * key too large for its index). The transaction rolled back, so nothing was applied.
   */
  private static boolean isRejectedValue(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("22") || state.startsWith("54"));
  }

  /**
   * The server's own words: a failed batch's message quotes the whole statement with its values,
   * which differ from call to call and can be long; the cause behind it does not.
   */
  private static String serverMessage(SQLException e) {
    SQLException cause =
        e instanceof java.sql.BatchUpdateException && e.getNextException() != null
            ? e.getNextException()
            : e;
    return cause.getMessage();
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException rollbackFailure) {
      cause.addSuppressed(rollbackFailure);
    }
  }
}
