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
    List<String> texts = statementTexts(sql, statements);
    for (int i = 0; i < statements.size(); i++) {
      Statement statement = statements.get(i);
      StatementExecutor.Outcome outcome = executor.execute(statement, texts.get(i), current);
      results.add(new StatementResult(outcome.result(), statement.vertical()));
      current = outcome.database();
    }
    return new ScriptResult(results, current);
  }

  /**
   * Each statement's own text, from its start to where the next one starts, without the terminator:
   * what CREATE statements keep, so that one statement never stores its neighbours (such as a
   * CREATE FILE with a private key).
   */
  static List<String> statementTexts(String sql, List<Statement> statements) {
    List<Integer> lineStarts = new ArrayList<>();
    lineStarts.add(0);
    for (int i = 0; i < sql.length(); i++) {
      if (sql.charAt(i) == '\n') {
        lineStarts.add(i + 1);
      }
    }
    List<Integer> starts = new ArrayList<>();
    for (Statement statement : statements) {
      int line = Math.min(statement.position().line(), lineStarts.size()) - 1;
      starts.add(Math.min(sql.length(), lineStarts.get(line) + statement.position().column()));
    }
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      int end = i + 1 < starts.size() ? starts.get(i + 1) : sql.length();
      String text = sql.substring(starts.get(i), Math.max(starts.get(i), end)).strip();
      while (text.endsWith(";") || text.endsWith("\\G") || text.endsWith("\\g")) {
        text = text.substring(0, text.length() - (text.endsWith(";") ? 1 : 2)).strip();
      }
      texts.add(text);
    }
    return texts;
  }
}
