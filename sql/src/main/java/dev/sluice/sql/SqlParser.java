package dev.sluice.sql;

import static java.util.Objects.requireNonNull;

import dev.sluice.sql.parser.SluiceSqlParser;
import dev.sluice.sql.tree.ColumnMapping;
import dev.sluice.sql.tree.Expression;
import dev.sluice.sql.tree.Statement;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Parses StarRocks statements, expressions and COLUMNS mappings into the immutable tree of {@link
 * dev.sluice.sql.tree}. Every problem with the input, whatever it is (bad syntax, an unterminated
 * string, a megabyte of garbage, 5,000 nested parentheses), is reported as a {@link
 * SqlParseException} whose message starts with {@code line L:C:}; nothing else is thrown for bad
 * input. Thread-safe; all methods are static.
 */
public final class SqlParser {

  private SqlParser() {}

  /**
   * A script: statements separated by {@code ;} or {@code \G} (the last terminator is optional,
   * empty statements are ignored). Empty input, or only comments, is an error.
   */
  public static List<Statement> parseStatements(String sql) {
    requireNonNull(sql, "sql is null");
    return run(
        sql,
        true,
        SluiceSqlParser::script,
        (builder, script) -> {
          List<Statement> statements = builder.script(script);
          if (statements.isEmpty()) {
            Token end = script.getStop();
            throw new SqlParseException(
                "empty input: no statement found", end.getLine(), end.getCharPositionInLine());
          }
          return statements;
        });
  }

  /** Exactly one statement, optionally terminated by {@code ;} or {@code \G}. */
  public static Statement parseStatement(String sql) {
    List<Statement> statements = parseStatements(sql);
    if (statements.size() > 1) {
      throw new SqlParseException(
          "expected a single statement, but another one starts here", statements.get(1).position());
    }
    return statements.get(0);
  }

  /** A standalone expression, e.g. a WHERE condition: {@code k1 > 100 and k2 = 1000}. */
  public static Expression parseExpression(String text) {
    requireNonNull(text, "text is null");
    return run(
        text,
        false,
        SluiceSqlParser::standaloneExpression,
        (builder, tree) -> builder.expressions().build(tree.expression()));
  }

  /**
   * The inside of a routine load's {@code COLUMNS (...)}, e.g. {@code k1, k2, tmp, k3 = k1 + k2}.
   */
  public static List<ColumnMapping> parseColumnMappings(String text) {
    requireNonNull(text, "text is null");
    return run(
        text,
        false,
        SluiceSqlParser::standaloneColumnMappings,
        (builder, tree) -> builder.loadClauses().columnMappings(tree.columnMapping()));
  }

  private static <C extends ParserRuleContext, R> R run(
      String text,
      boolean statementLevel,
      Function<SluiceSqlParser, C> rule,
      BiFunction<StatementBuilder, C, R> build) {
    try {
      C tree = parse(text, statementLevel, rule);
      return build.apply(new StatementBuilder(), tree);
    } catch (SqlParseException e) {
      throw e;
    } catch (StackOverflowError e) {
      // The token scanner's nesting limit should make this unreachable; it is the backstop.
      throw new SqlParseException("statement is too complex to parse (nested too deeply)", 1, 0);
    } catch (RuntimeException e) {
      // A bug in the parser must still reach the user as a parse error, not a stack trace.
      throw new SqlParseException("internal parser error: " + e, 1, 0, e);
    }
  }

  /**
   * Two-stage parsing, the usual ANTLR speed-up: SLL prediction is much faster and almost always
   * enough; only when it fails is the input parsed again with full LL prediction, which is also the
   * pass that produces the error message.
   */
  private static <C extends ParserRuleContext> C parse(
      String text, boolean statementLevel, Function<SluiceSqlParser, C> rule) {
    TokenScanner.Scan scan = TokenScanner.scan(text);
    CommonTokenStream tokens = new CommonTokenStream(new ListTokenSource(scan.tokens()));
    tokens.fill(); // error messages look at tokens after the offending one
    SluiceSqlParser parser = new SluiceSqlParser(tokens);
    parser.removeErrorListeners();
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    parser.setErrorHandler(new BailErrorStrategy());
    C tree;
    try {
      tree = rule.apply(parser);
    } catch (ParseCancellationException e) {
      parser.reset();
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      parser.setErrorHandler(
          new SyntaxErrorStrategy(statementLevel, scan.badToken(), scan.error()));
      tree = rule.apply(parser);
    }
    // Only reachable if the grammar accepted the bad token (the skipped body of PARTITION BY
    // RANGE accepts anything); the input is still not valid.
    if (scan.error() != null) {
      throw scan.error();
    }
    return tree;
  }
}
