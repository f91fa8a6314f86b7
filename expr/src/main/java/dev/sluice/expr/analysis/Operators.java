package dev.sluice.expr.analysis;

import dev.sluice.expr.ExpressionException;
import dev.sluice.expr.plan.CallPlan;
import dev.sluice.expr.plan.ConstantPlan;
import dev.sluice.expr.plan.Plan;
import dev.sluice.expr.scalar.Numbers;
import dev.sluice.expr.vector.ArithmeticOperator;
import dev.sluice.expr.vector.CaseKernel;
import dev.sluice.expr.vector.CoalesceKernel;
import dev.sluice.expr.vector.CompareKernel;
import dev.sluice.expr.vector.ComparisonOperator;
import dev.sluice.expr.vector.DecimalArithmeticKernel;
import dev.sluice.expr.vector.DoubleArithmeticKernel;
import dev.sluice.expr.vector.IsNullKernel;
import dev.sluice.expr.vector.LogicalKernel;
import dev.sluice.expr.vector.LongArithmeticKernel;
import dev.sluice.expr.vector.NotKernel;
import dev.sluice.sql.tree.Position;
import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Typing of operators, with MySQL / StarRocks conversions:
 *
 * <ul>
 *   <li>Arithmetic: BOOLEAN counts as BIGINT and strings as DOUBLE; any DOUBLE makes the operation
 *       DOUBLE, else any DECIMAL makes it DECIMAL (a BIGINT operand as DECIMAL(19,0), a BIGINT
 *       literal with just its digits), else BIGINT. {@code /} of two BIGINTs is DOUBLE. DATE and
 *       DATETIME take no arithmetic (use the date functions).
 *   <li>BIGINT {@code + - * %} overflow is detected (no silent wrap-around): the row fails in
 *       strict mode and is NULL otherwise. StarRocks would widen BIGINT + BIGINT to LARGEINT;
 *       staying in BIGINT keeps the common case a primitive loop, and overflow never goes
 *       unnoticed.
 *   <li>DECIMAL(p1,s1) op DECIMAL(p2,s2): {@code + -} give scale max(s1,s2) and precision
 *       max(p1-s1, p2-s2) + scale + 1; {@code *} gives scale s1+s2 and precision p1+p2; {@code /}
 *       gives precision 38 and scale s1+6 (StarRocks' increment; MySQL's is 4), reduced so that the
 *       p1-s1+s2 integer digits fit; {@code %} gives scale max(s1,s2) and precision max(p1-s1,
 *       p2-s2) + scale. Precision is capped at 38, scale at 38; results are rounded half away from
 *       zero, and a result beyond the precision is an overflow.
 *   <li>Division and modulus by zero give NULL, as in MySQL.
 *   <li>Comparison converts both sides to one type: numbers as in arithmetic (DOUBLE if either is
 *       DOUBLE or a non-literal string), a string against a DATE or DATETIME converts to it ({@code
 *       dt > '2024-01-01'}), a string literal against a BIGINT converts to BIGINT when it is an
 *       integer, DATE against DATETIME compares as DATETIME; DATE against a number is an error.
 *   <li>CASE, IF, COALESCE, IFNULL take the common type of their values: any string makes it
 *       VARCHAR, DATE with DATETIME is DATETIME, numbers as in arithmetic.
 * </ul>
 */
public final class Operators {

  private Operators() {}

  // ---------------------------------------------------------------- arithmetic

  public static Plan arithmetic(
      ArithmeticOperator operator, Plan left, Plan right, String sql, Position position) {
    Plan l = Conversions.wide(left);
    Plan r = Conversions.wide(right);
    ColumnType lt = arithmeticOperandType(l, operator, position);
    ColumnType rt = arithmeticOperandType(r, operator, position);
    if (isUntypedNull(l) && isUntypedNull(r)) {
      return ConstantPlan.nullOf(Types.DOUBLE, sql);
    }
    if (isUntypedNull(l)) {
      lt = rt;
    }
    if (isUntypedNull(r)) {
      rt = lt;
    }
    TypeKind lk = lt.kind();
    TypeKind rk = rt.kind();
    if (lk == TypeKind.DOUBLE
        || rk == TypeKind.DOUBLE
        || (operator == ArithmeticOperator.DIVIDE
            && lk == TypeKind.BIGINT
            && rk == TypeKind.BIGINT)) {
      Plan a = Conversions.convert(l, Types.DOUBLE, position);
      Plan b = Conversions.convert(r, Types.DOUBLE, position);
      if (isNull(a) || isNull(b)) {
        return ConstantPlan.nullOf(Types.DOUBLE, sql);
      }
      return new CallPlan(
          Types.DOUBLE,
          sql,
          List.of(a, b),
          (i, k) ->
              new DoubleArithmeticKernel(
                  operator, k.get(0), k.get(1), i.strict(), sql, i.allocator()));
    }
    if (lk == TypeKind.DECIMAL || rk == TypeKind.DECIMAL) {
      ColumnType ld = lk == TypeKind.DECIMAL ? lt : integerAsDecimal(l);
      ColumnType rd = rk == TypeKind.DECIMAL ? rt : integerAsDecimal(r);
      ColumnType result = decimalResult(operator, ld, rd);
      Plan a = Conversions.convert(l, ld, position);
      Plan b = Conversions.convert(r, rd, position);
      if (isNull(a) || isNull(b)) {
        return ConstantPlan.nullOf(result, sql);
      }
      return new CallPlan(
          result,
          sql,
          List.of(a, b),
          (i, k) ->
              new DecimalArithmeticKernel(
                  operator, result, k.get(0), k.get(1), i.strict(), sql, i.allocator()));
    }
    Plan a = Conversions.convert(l, Types.BIGINT, position);
    Plan b = Conversions.convert(r, Types.BIGINT, position);
    if (isNull(a) || isNull(b)) {
      return ConstantPlan.nullOf(Types.BIGINT, sql);
    }
    return new CallPlan(
        Types.BIGINT,
        sql,
        List.of(a, b),
        (i, k) ->
            new LongArithmeticKernel(operator, k.get(0), k.get(1), i.strict(), sql, i.allocator()));
  }

  /** The type an operand computes in: BOOLEAN as BIGINT, strings as DOUBLE. */
  private static ColumnType arithmeticOperandType(
      Plan operand, ArithmeticOperator operator, Position position) {
    ColumnType type = operand.type();
    return switch (type.kind()) {
      case BOOLEAN -> Types.BIGINT;
      case VARCHAR, CHAR, STRING -> Types.DOUBLE;
      case DATE, DATETIME ->
          throw new ExpressionException(
              "operator "
                  + operator.symbol()
                  + " cannot take a "
                  + Types.describe(type)
                  + " (use the date functions)",
              position);
      case TINYINT, SMALLINT, INT, BIGINT, LARGEINT, FLOAT, DOUBLE, DECIMAL -> Types.wide(type);
    };
  }

  static ColumnType decimalResult(ArithmeticOperator operator, ColumnType l, ColumnType r) {
    int p1 = l.precision();
    int s1 = l.scale();
    int p2 = r.precision();
    int s2 = r.scale();
    switch (operator) {
      case ADD:
      case SUBTRACT:
        {
          int scale = Math.max(s1, s2);
          return Types.decimal(Math.max(p1 - s1, p2 - s2) + scale + 1, scale);
        }
      case MULTIPLY:
        {
          int scale = Math.min(s1 + s2, Types.MAX_PRECISION);
          return Types.decimal(Math.max(p1 + p2, scale), scale);
        }
      case DIVIDE:
        {
          int integerDigits = p1 - s1 + s2;
          int scale = Math.min(s1 + 6, Types.MAX_PRECISION - integerDigits);
          scale = Math.max(scale, Math.min(s1, Types.MAX_PRECISION));
          return Types.decimal(Types.MAX_PRECISION, scale);
        }
      default:
        {
          int scale = Math.max(s1, s2);
          return Types.decimal(Math.max(p1 - s1, p2 - s2) + scale, scale);
        }
    }
  }

  /** A BIGINT as a decimal: a literal with exactly its digits, a column with 19. */
  static ColumnType integerAsDecimal(Plan plan) {
    if (plan instanceof ConstantPlan && !((ConstantPlan) plan).isNull()) {
      Object value = ((ConstantPlan) plan).value();
      if (value instanceof Long) {
        long v = (Long) value;
        return Types.decimal(v == Long.MIN_VALUE ? 19 : Numbers.digitCount(Math.abs(v)), 0);
      }
    }
    return Types.BIGINT_DECIMAL;
  }

  // ---------------------------------------------------------------- comparison

  public static Plan compare(
      ComparisonOperator operator, Plan left, Plan right, String sql, Position position) {
    Plan l = Conversions.wide(left);
    Plan r = Conversions.wide(right);
    if (isNull(l) || isNull(r)) {
      if (operator != ComparisonOperator.NULL_SAFE_EQUAL) {
        return ConstantPlan.nullOf(Types.BOOLEAN, sql);
      }
      if (isNull(l) && isNull(r)) {
        return ConstantPlan.of(Types.BOOLEAN, Boolean.TRUE, sql);
      }
      return isNull(l, sql, r);
    }
    ColumnType[] types = comparisonTypes(l, r, position);
    Plan a = Conversions.convert(l, types[0], position);
    Plan b = Conversions.convert(r, types[1], position);
    return new CallPlan(
        Types.BOOLEAN,
        sql,
        List.of(a, b),
        (i, k) -> new CompareKernel(operator, k.get(0), k.get(1), i.allocator()));
  }

  /**
   * The types both sides of a comparison convert to (equal, except that two decimals keep their own
   * precision and scale).
   */
  static ColumnType[] comparisonTypes(Plan l, Plan r, Position position) {
    ColumnType lt = l.type();
    ColumnType rt = r.type();
    TypeKind lk = lt.kind();
    TypeKind rk = rt.kind();
    if (lk == rk) {
      return new ColumnType[] {lt, rt};
    }
    if (lk == TypeKind.VARCHAR || rk == TypeKind.VARCHAR) {
      boolean leftIsString = lk == TypeKind.VARCHAR;
      Plan text = leftIsString ? l : r;
      ColumnType other = leftIsString ? rt : lt;
      ColumnType target;
      switch (other.kind()) {
        case DATE:
        case DATETIME:
        case BOOLEAN:
          target = other;
          break;
        case BIGINT:
          target = literalConverts(text, Types.BIGINT) ? Types.BIGINT : Types.DOUBLE;
          break;
        default:
          target = Types.DOUBLE;
          break;
      }
      return new ColumnType[] {target, target};
    }
    if (Types.isTemporal(lt) && Types.isTemporal(rt)) {
      return new ColumnType[] {Types.DATETIME, Types.DATETIME};
    }
    if (Types.isTemporal(lt) || Types.isTemporal(rt)) {
      throw new ExpressionException(
          "cannot compare " + Types.describe(lt) + " with " + Types.describe(rt), position);
    }
    // Numbers and BOOLEAN (as BIGINT).
    if (lk == TypeKind.DOUBLE || rk == TypeKind.DOUBLE) {
      return new ColumnType[] {Types.DOUBLE, Types.DOUBLE};
    }
    if (lk == TypeKind.DECIMAL || rk == TypeKind.DECIMAL) {
      return new ColumnType[] {
        lk == TypeKind.DECIMAL ? lt : integerAsDecimal(l),
        rk == TypeKind.DECIMAL ? rt : integerAsDecimal(r)
      };
    }
    return new ColumnType[] {Types.BIGINT, Types.BIGINT};
  }

  private static boolean literalConverts(Plan plan, ColumnType target) {
    if (!(plan instanceof ConstantPlan) || ((ConstantPlan) plan).isNull()) {
      return false;
    }
    return Folding.convert(((ConstantPlan) plan).value(), plan.type(), target) != Folding.FAILED;
  }

  // ---------------------------------------------------------------- logic

  /** {@code plan} as a BOOLEAN condition; an untyped NULL is a BOOLEAN NULL. */
  public static Plan requireBoolean(Plan plan, Position position, String what) {
    if (plan.type().kind() == TypeKind.BOOLEAN) {
      return isUntypedNull(plan) ? ConstantPlan.nullOf(Types.BOOLEAN, plan.sql()) : plan;
    }
    throw new ExpressionException(
        what + " must be a BOOLEAN expression, got " + Types.describe(plan.type()), position);
  }

  public static Plan logical(boolean and, List<Plan> terms, String sql) {
    return new CallPlan(
        Types.BOOLEAN, sql, terms, (i, k) -> new LogicalKernel(and, k, i.allocator()));
  }

  public static Plan not(Plan value, String sql) {
    if (isNull(value)) {
      return ConstantPlan.nullOf(Types.BOOLEAN, sql);
    }
    return new CallPlan(
        Types.BOOLEAN, sql, List.of(value), (i, k) -> new NotKernel(k.get(0), i.allocator()));
  }

  public static Plan isNull(Plan value, String sql, boolean negated) {
    if (value instanceof ConstantPlan) {
      return ConstantPlan.of(Types.BOOLEAN, ((ConstantPlan) value).isNull() != negated, sql);
    }
    return new CallPlan(
        Types.BOOLEAN,
        sql,
        List.of(value),
        (i, k) -> new IsNullKernel(k.get(0), negated, i.allocator()));
  }

  private static Plan isNull(Plan l, String sql, Plan r) {
    return isNull(isNull(l) ? r : l, sql, false);
  }

  // ---------------------------------------------------------------- conditionals

  /** The common type of the values of a CASE, IF, COALESCE; untyped NULLs take any type. */
  public static ColumnType resultType(List<Plan> values, Position position, String what) {
    ColumnType result = null;
    for (Plan value : values) {
      if (isUntypedNull(value)) {
        continue;
      }
      ColumnType type = Types.wide(value.type());
      result = result == null ? type : commonType(result, type, position, what);
    }
    return result == null ? Types.BOOLEAN : result;
  }

  private static ColumnType commonType(ColumnType a, ColumnType b, Position position, String what) {
    TypeKind ak = a.kind();
    TypeKind bk = b.kind();
    if (a.equals(b)) {
      return a;
    }
    if (ak == TypeKind.VARCHAR || bk == TypeKind.VARCHAR) {
      return Types.VARCHAR;
    }
    if (Types.isTemporal(a) && Types.isTemporal(b)) {
      return Types.DATETIME;
    }
    if (Types.isTemporal(a) || Types.isTemporal(b)) {
      throw new ExpressionException(
          what + " mixes " + Types.describe(a) + " and " + Types.describe(b), position);
    }
    if (ak == TypeKind.DOUBLE || bk == TypeKind.DOUBLE) {
      return Types.DOUBLE;
    }
    if (ak == TypeKind.DECIMAL || bk == TypeKind.DECIMAL) {
      ColumnType x = ak == TypeKind.DECIMAL ? a : Types.BIGINT_DECIMAL;
      ColumnType y = bk == TypeKind.DECIMAL ? b : Types.BIGINT_DECIMAL;
      int scale = Math.max(x.scale(), y.scale());
      int integerDigits = Math.max(x.precision() - x.scale(), y.precision() - y.scale());
      return Types.decimal(integerDigits + scale, scale);
    }
    if (ak == TypeKind.BOOLEAN && bk == TypeKind.BOOLEAN) {
      return Types.BOOLEAN;
    }
    return Types.BIGINT;
  }

  /** Searched CASE over BOOLEAN conditions; values already converted to {@code type}. */
  public static Plan caseWhen(
      ColumnType type, List<Plan> conditions, List<Plan> values, Plan elseValue, String sql) {
    List<Plan> children = new ArrayList<>(conditions);
    children.addAll(values);
    if (elseValue != null) {
      children.add(elseValue);
    }
    int whens = conditions.size();
    boolean hasElse = elseValue != null;
    return new CallPlan(
        type,
        sql,
        children,
        (i, k) ->
            new CaseKernel(
                type,
                k.subList(0, whens),
                k.subList(whens, 2 * whens),
                hasElse ? k.get(2 * whens) : null,
                i.allocator()));
  }

  public static Plan coalesce(ColumnType type, List<Plan> values, String sql) {
    return new CallPlan(
        type, sql, values, (i, k) -> new CoalesceKernel(type, List.copyOf(k), i.allocator()));
  }

  /** Converts each value to {@code type} (checked by {@link #resultType}). */
  public static List<Plan> convertAll(List<Plan> values, ColumnType type, Position position) {
    List<Plan> converted = new ArrayList<>(values.size());
    for (Plan value : values) {
      converted.add(Conversions.convert(value, type, position));
    }
    return converted;
  }

  // ---------------------------------------------------------------- helpers

  static boolean isNull(Plan plan) {
    return plan instanceof ConstantPlan && ((ConstantPlan) plan).isNull();
  }

  static boolean isUntypedNull(Plan plan) {
    return plan instanceof ConstantPlan && ((ConstantPlan) plan).isUntypedNull();
  }
}
