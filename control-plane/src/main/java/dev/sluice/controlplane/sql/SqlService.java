package dev.sluice.controlplane.sql;

import static java.util.Objects.requireNonNull;

import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import dev.sluice.sql.SqlParseException;
import dev.sluice.sql.SqlParser;
import dev.sluice.sql.tree.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Parses a script and runs its statements in order, stopping at the first error. */
public final class SqlService {
  private final StatementExecutor executor;

  public SqlService(StatementExecutor executor) {
    this.executor = requireNonNull(executor, "executor is null");
  }

  /** The results of every statement, and the current database after the last one. */
  public record ScriptResult(List<StatementResult> results, Optional<String> database) {}

  /** One statement's result; {@code vertical} when it ended with {@code \G}. */
  public record StatementResult(ResultTable table, boolean vertical) {}

  /** Runs one statement built by a typed API call rather than parsed from text. */
  public ResultTable execute(Statement statement, Optional<String> database) {
    return executor
        .execute(
            statement,
            "-- through the admin API: " + statement.getClass().getSimpleName(),
            database)
        .result();
  }

  public ScriptResult execute(String sql, Optional<String> database) {
    List<Statement> statements;
    try {
      statements = SqlParser.parseStatements(sql);
    } catch (SqlParseException e) {
      throw new SluiceException(ErrorCode.SYNTAX_ERROR, e.getMessage(), e);
    }
    List<StatementResult> results = new ArrayList<>();
    Optional<String> current = database;
    for (Statement statement : statements) {
      StatementExecutor.Outcome outcome = executor.execute(statement, sql, current);
      results.add(new StatementResult(outcome.result(), statement.vertical()));
      current = outcome.database();
    }
    return new ScriptResult(results, current);
  }
}
