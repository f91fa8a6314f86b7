package dev.sluice.sql;

import static java.util.Objects.requireNonNull;

import dev.sluice.sql.tree.Position;

/**
 * The input is not valid SQL for Sluice. The message is meant for users (they never see a stack
 * trace): {@code line 3:14: mismatched input 'FORM' expecting 'FROM'}. Line counts from 1, column
 * from 0. Later stages may throw it too, with a node's position, so that all SQL errors read alike.
 */
public final class SqlParseException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;
  private final String detail;

  public SqlParseException(String detail, int line, int column) {
    this(detail, line, column, null);
  }

  public SqlParseException(String detail, Position position) {
    this(detail, position.line(), position.column(), null);
  }

  public SqlParseException(String detail, int line, int column, Throwable cause) {
    super("line " + line + ":" + column + ": " + requireNonNull(detail, "detail is null"), cause);
    this.line = line;
    this.column = column;
    this.detail = detail;
  }

  /** 1-based line of the problem. */
  public int line() {
    return line;
  }

  /** 0-based column (character offset in the line) of the problem. */
  public int column() {
    return column;
  }

  /** The message without the {@code line L:C: } prefix. */
  public String detail() {
    return detail;
  }

  public Position position() {
    return new Position(Math.max(line, 1), Math.max(column, 0));
  }
}
