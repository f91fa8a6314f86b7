package dev.sluice.expr.analysis;

import dev.sluice.expr.ExpressionException;
import dev.sluice.expr.plan.CallPlan;
import dev.sluice.expr.plan.ConstantPlan;
import dev.sluice.expr.plan.KernelFactory;
import dev.sluice.expr.plan.Plan;
import dev.sluice.expr.plan.RelabelPlan;
import dev.sluice.expr.vector.FromStringKernel;
import dev.sluice.expr.vector.NarrowKernel;
import dev.sluice.expr.vector.NumericCastKernel;
import dev.sluice.expr.vector.StringLengthCheck;
import dev.sluice.expr.vector.TemporalCastKernel;
import dev.sluice.expr.vector.ToStringKernel;
import dev.sluice.expr.vector.WidenKernel;
import dev.sluice.sql.tree.Position;
import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.util.List;

/**
 * Conversions between types, implicit (assignment to a column, function arguments, operands) and
 * explicit (CAST), which follow the same table:
 *
 * <ul>
 *   <li>anything converts to VARCHAR, and VARCHAR to anything (parsing with the decoder's rules);
 *   <li>BOOLEAN, BIGINT, DOUBLE and DECIMAL convert among themselves (to BOOLEAN is "not zero", to
 *       BIGINT truncates, to DECIMAL rounds half away from zero);
 *   <li>DATE and DATETIME convert to each other and to and from BIGINT ({@code 20240105}, {@code
 *       20240105103000}), and through BIGINT to DOUBLE and DECIMAL;
 *   <li>nothing else (BOOLEAN to DATE, DOUBLE to DATE, ...) converts.
 * </ul>
 *
 * A value that does not convert at run time fails the row in strict mode and becomes NULL
 * otherwise; a literal that does not convert is an analysis error. Literal conversions are folded.
 */
public final class Conversions {

  private Conversions() {}

  /** The plan in its computation type (see {@link Types}). */
  public static Plan wide(Plan plan) {
    ColumnType type = plan.type();
    if (Types.isWide(type)) {
      return plan;
    }
    ColumnType wide = Types.wide(type);
    if (type.kind() == TypeKind.LARGEINT || Types.isString(type)) {
      return new RelabelPlan(plan, wide);
    }
    return new CallPlan(
        wide,
        plan.sql(),
        List.of(plan),
        (instantiation, arguments) -> new WidenKernel(arguments.get(0), instantiation.allocator()));
  }

  /** Whether values of {@code from} convert to {@code to} (any types; NULL converts to all). */
  public static boolean canConvert(ColumnType from, ColumnType to) {
    TypeKind source = Types.wide(from).kind();
    TypeKind target = Types.wide(to).kind();
    if (source == target || source == TypeKind.VARCHAR || target == TypeKind.VARCHAR) {
      return true;
    }
    boolean numericTarget =
        target == TypeKind.BOOLEAN
            || target == TypeKind.BIGINT
            || target == TypeKind.DOUBLE
            || target == TypeKind.DECIMAL;
    boolean temporalTarget = target == TypeKind.DATE || target == TypeKind.DATETIME;
    return switch (source) {
      case BOOLEAN, DOUBLE, DECIMAL -> numericTarget;
      case BIGINT -> numericTarget || temporalTarget;
      case DATE, DATETIME -> temporalTarget || (numericTarget && target != TypeKind.BOOLEAN);
      // Not computation types: wide() never returns them.
      case TINYINT, SMALLINT, INT, LARGEINT, FLOAT, CHAR, VARCHAR, STRING -> false;
    };
  }

  /**
   * Converts {@code plan} to {@code target}; the caller has checked {@link #canConvert}. A literal
   * is converted now, and one that does not convert is reported at {@code position}.
   */
  public static Plan convert(Plan plan, ColumnType target, Position position) {
    if (plan.type().equals(target)) {
      return plan;
    }
    if (plan instanceof ConstantPlan && ((ConstantPlan) plan).isNull()) {
      return ConstantPlan.nullOf(target, plan.sql());
    }
    if (!canConvert(plan.type(), target)) {
      throw new IllegalArgumentException("cannot convert " + plan.type() + " to " + target);
    }
    Plan wide = wide(plan);
    ColumnType wideTarget = Types.wide(target);
    Plan converted = convertWide(wide, wideTarget, position);
    return narrow(converted, target);
  }

  private static Plan convertWide(Plan plan, ColumnType target, Position position) {
    ColumnType from = plan.type();
    if (from.equals(target)) {
      return plan;
    }
    if (plan instanceof ConstantPlan) {
      Object value = Folding.convert(((ConstantPlan) plan).value(), from, target);
      if (value == Folding.FAILED) {
        throw new ExpressionException(
            "cannot convert "
                + Folding.display(((ConstantPlan) plan).value(), from)
                + " to "
                + Types.describe(target),
            position);
      }
      return ConstantPlan.of(target, value, plan.sql());
    }
    TypeKind source = from.kind();
    TypeKind to = target.kind();
    if (to == TypeKind.VARCHAR) {
      return call(target, plan, (i, a) -> new ToStringKernel(a.get(0), target, i.allocator()));
    }
    if (source == TypeKind.VARCHAR) {
      return call(
          target,
          plan,
          (i, a) -> new FromStringKernel(a.get(0), target, i.strict(), i.allocator()));
    }
    if (source == TypeKind.BOOLEAN && to != TypeKind.BIGINT) {
      return convertWide(convertWide(plan, Types.BIGINT, position), target, position);
    }
    boolean temporalSource = source == TypeKind.DATE || source == TypeKind.DATETIME;
    boolean temporalTarget = to == TypeKind.DATE || to == TypeKind.DATETIME;
    if (temporalSource && (to == TypeKind.DOUBLE || to == TypeKind.DECIMAL)) {
      return convertWide(convertWide(plan, Types.BIGINT, position), target, position);
    }
    if (temporalSource || temporalTarget) {
      return call(
          target,
          plan,
          (i, a) -> new TemporalCastKernel(a.get(0), target, i.strict(), i.allocator()));
    }
    return call(
        target, plan, (i, a) -> new NumericCastKernel(a.get(0), target, i.strict(), i.allocator()));
  }

  private static Plan narrow(Plan plan, ColumnType target) {
    if (plan.type().equals(target)) {
      return plan;
    }
    return switch (target.kind()) {
      case TINYINT, SMALLINT, INT, FLOAT ->
          call(
              target,
              plan,
              (i, a) -> new NarrowKernel(a.get(0), target, i.strict(), i.allocator()));
      case LARGEINT -> new RelabelPlan(plan, target);
      case CHAR, VARCHAR, STRING ->
          call(target, plan, (i, a) -> new StringLengthCheck(a.get(0), target));
      case BOOLEAN, BIGINT, DOUBLE, DECIMAL, DATE, DATETIME ->
          throw new IllegalStateException("not a narrow type: " + target);
    };
  }

  private static Plan call(ColumnType type, Plan input, KernelFactory factory) {
    return new CallPlan(type, input.sql(), List.of(input), factory);
  }
}
