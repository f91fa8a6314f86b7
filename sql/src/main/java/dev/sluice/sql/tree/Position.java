package dev.sluice.sql.tree;

/**
 * Where a node's source text starts: {@code line} counts from 1, {@code column} from 0 (the
 * character offset within the line), the convention ANTLR uses and error messages show as {@code
 * line 3:14}.
 *
 * <p>Positions take part in {@code equals}, so two trees parsed from differently laid out text are
 * not equal; compare formatted text (see {@code ExpressionFormatter}) instead.
 */
public record Position(int line, int column) {

  public Position {
    if (line < 1) {
      throw new IllegalArgumentException("line must be >= 1: " + line);
    }
    if (column < 0) {
      throw new IllegalArgumentException("column must be >= 0: " + column);
    }
  }

  /** Returns {@code line L:C}, the prefix of every parse error message. */
  @Override
  public String toString() {
    return "line " + line + ":" + column;
  }
}
