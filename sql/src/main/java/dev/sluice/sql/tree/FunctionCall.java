package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A call of any function by name, e.g. {@code from_unixtime(pay_time, '%Y%m%d')}. The name is
 * lower-cased (function names are case-insensitive); whether it exists is not checked here. {@code
 * count(*)} has {@code starArgument} set and no arguments; {@code count(DISTINCT x)} has {@code
 * distinct} set. {@code CURRENT_TIMESTAMP} and {@code CURRENT_DATE} without parentheses are calls
 * without arguments.
 */
public record FunctionCall(
    String name,
    List<Expression> arguments,
    boolean distinct,
    boolean starArgument,
    Position position)
    implements Expression {

  public FunctionCall {
    requireNonNull(name, "name is null");
    arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
    if (starArgument && (distinct || !arguments.isEmpty())) {
      throw new IllegalArgumentException("a (*) call has no other arguments and no DISTINCT");
    }
    if (distinct && arguments.isEmpty()) {
      throw new IllegalArgumentException("DISTINCT needs at least one argument");
    }
    requireNonNull(position, "position is null");
  }

  public static FunctionCall of(String name, List<Expression> arguments, Position position) {
    return new FunctionCall(name, arguments, false, false, position);
  }

  @Override
  public List<Expression> children() {
    return arguments;
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitFunctionCall(this);
  }
}
