package dev.sluice.expr;

import static java.util.Objects.requireNonNull;

import dev.sluice.sql.tree.Position;

/**
 * An expression that cannot be loaded: an unknown column or function, a wrong number or type of
 * arguments, a non-boolean WHERE, a derived column that is not in the table, a NOT NULL column
 * without a value. The message is meant for users and reads like a parse error: {@code line 1:42:
 * unknown column 'pay_tme' (known: commodity_id, customer_name, ...)}; the position is where the
 * offending text starts in the SQL it was parsed from (line from 1, column from 0).
 */
public final class ExpressionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Position position;
  private final String detail;

  public ExpressionException(String detail, Position position) {
    super(
        requireNonNull(position, "position is null")
            + ": "
            + requireNonNull(detail, "detail is null"));
    this.position = position;
    this.detail = detail;
  }

  public Position position() {
    return position;
  }

  /** The message without the {@code line L:C: } prefix. */
  public String detail() {
    return detail;
  }
}
