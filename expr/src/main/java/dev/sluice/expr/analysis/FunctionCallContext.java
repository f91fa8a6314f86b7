package dev.sluice.expr.analysis;

import static java.util.Objects.requireNonNull;

import dev.sluice.expr.ExpressionException;
import dev.sluice.expr.plan.ConstantPlan;
import dev.sluice.expr.plan.Plan;
import dev.sluice.sql.tree.FunctionCall;
import dev.sluice.sql.tree.Position;
import dev.sluice.storage.schema.ColumnType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** A function call being bound: its analyzed arguments, with checked conversions. */
final class FunctionCallContext {

  private final FunctionCall call;
  private final List<Plan> arguments;
  private final String sql;

  FunctionCallContext(FunctionCall call, List<Plan> arguments, String sql) {
    this.call = requireNonNull(call, "call is null");
    this.arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
    this.sql = requireNonNull(sql, "sql is null");
  }

  String name() {
    return call.name();
  }

  String sql() {
    return sql;
  }

  Position position() {
    return call.position();
  }

  int count() {
    return arguments.size();
  }

  Plan argument(int index) {
    return arguments.get(index);
  }

  List<Plan> arguments() {
    return arguments;
  }

  Position position(int index) {
    return call.arguments().get(index).position();
  }

  /** Argument {@code index} in its computation type. */
  Plan wide(int index) {
    return Conversions.wide(arguments.get(index));
  }

  /**
   * Argument {@code index} converted to {@code type}, or an error naming the argument when it does
   * not convert.
   */
  Plan argument(int index, ColumnType type) {
    Plan plan = arguments.get(index);
    if (!Conversions.canConvert(plan.type(), type)) {
      throw error(
          index,
          "argument "
              + (index + 1)
              + " of "
              + name()
              + " must be "
              + Types.describe(type)
              + ", got "
              + Types.describe(plan.type()));
    }
    return Conversions.convert(plan, type, position(index));
  }

  /** The text of a string literal argument, if it is one (after folding). */
  Optional<String> constantText(int index) {
    Plan plan = arguments.get(index);
    if (plan instanceof ConstantPlan
        && !((ConstantPlan) plan).isNull()
        && Types.isString(plan.type())) {
      return Optional.of(
          new String((byte[]) ((ConstantPlan) plan).value(), StandardCharsets.UTF_8));
    }
    return Optional.empty();
  }

  /** The value of an integer literal argument, if it is one. */
  Optional<Long> constantLong(int index) {
    Plan plan = arguments.get(index);
    if (plan instanceof ConstantPlan && ((ConstantPlan) plan).value() instanceof Long) {
      return Optional.of((Long) ((ConstantPlan) plan).value());
    }
    return Optional.empty();
  }

  boolean isNullLiteral(int index) {
    return Operators.isNull(arguments.get(index));
  }

  ExpressionException error(int index, String message) {
    return new ExpressionException(message, position(index));
  }

  ExpressionException error(String message) {
    return new ExpressionException(message, call.position());
  }
}
