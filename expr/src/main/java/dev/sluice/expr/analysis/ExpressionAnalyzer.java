package dev.sluice.expr.analysis;

import static java.util.Objects.requireNonNull;

import dev.sluice.expr.ExpressionException;
import dev.sluice.expr.plan.CallPlan;
import dev.sluice.expr.plan.ConstantPlan;
import dev.sluice.expr.plan.Plan;
import dev.sluice.expr.vector.ArithmeticOperator;
import dev.sluice.expr.vector.ComparisonOperator;
import dev.sluice.expr.vector.InKernel;
import dev.sluice.expr.vector.LikeKernel;
import dev.sluice.expr.vector.NegateKernel;
import dev.sluice.sql.ExpressionFormatter;
import dev.sluice.sql.tree.Arithmetic;
import dev.sluice.sql.tree.Between;
import dev.sluice.sql.tree.BooleanLiteral;
import dev.sluice.sql.tree.Case;
import dev.sluice.sql.tree.Cast;
import dev.sluice.sql.tree.ColumnRef;
import dev.sluice.sql.tree.Comparison;
import dev.sluice.sql.tree.DataType;
import dev.sluice.sql.tree.DecimalLiteral;
import dev.sluice.sql.tree.DoubleLiteral;
import dev.sluice.sql.tree.Expression;
import dev.sluice.sql.tree.ExpressionVisitor;
import dev.sluice.sql.tree.FunctionCall;
import dev.sluice.sql.tree.In;
import dev.sluice.sql.tree.IntegerLiteral;
import dev.sluice.sql.tree.IsNull;
import dev.sluice.sql.tree.Like;
import dev.sluice.sql.tree.Logical;
import dev.sluice.sql.tree.Negative;
import dev.sluice.sql.tree.Not;
import dev.sluice.sql.tree.NullLiteral;
import dev.sluice.sql.tree.Position;
import dev.sluice.sql.tree.StringLiteral;
import dev.sluice.sql.tree.WhenClause;
import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Analyzes one expression against a {@link Scope}: resolves names, checks and infers types, inserts
 * conversions and folds what literals allow. The result's type is whatever the expression computes
 * (see {@link Types}); converting it to a column's type is the caller's business.
 */
public final class ExpressionAnalyzer implements ExpressionVisitor<Plan> {

  private final Scope scope;

  public ExpressionAnalyzer(Scope scope) {
    this.scope = requireNonNull(scope, "scope is null");
  }

  public Plan analyze(Expression expression) {
    requireNonNull(expression, "expression is null");
    try {
      return expression.accept(this);
    } catch (StackOverflowError e) {
      throw new ExpressionException("expression is nested too deeply", expression.position());
    }
  }

  private static String sql(Expression expression) {
    return ExpressionFormatter.format(expression);
  }

  // ---------------------------------------------------------------- literals and columns

  @Override
  public Plan visitNullLiteral(NullLiteral literal) {
    return ConstantPlan.untypedNull("NULL");
  }

  @Override
  public Plan visitBooleanLiteral(BooleanLiteral literal) {
    return ConstantPlan.of(Types.BOOLEAN, literal.value(), sql(literal));
  }

  @Override
  public Plan visitIntegerLiteral(IntegerLiteral literal) {
    if (literal.fitsInLong()) {
      return ConstantPlan.of(Types.BIGINT, literal.longValue(), sql(literal));
    }
    BigDecimal value = new BigDecimal(literal.value());
    if (value.precision() > Types.MAX_PRECISION) {
      throw new ExpressionException(
          "integer literal " + literal.value() + " has more than 38 digits", literal.position());
    }
    return ConstantPlan.of(Types.decimal(value.precision(), 0), value, sql(literal));
  }

  @Override
  public Plan visitDecimalLiteral(DecimalLiteral literal) {
    BigDecimal value = literal.value();
    if (value.scale() < 0) {
      value = value.setScale(0);
    }
    int precision = Math.max(value.precision(), value.scale());
    if (precision > Types.MAX_PRECISION) {
      // Beyond DECIMAL's 38 digits a literal is approximate anyway.
      return ConstantPlan.of(Types.DOUBLE, value.doubleValue(), sql(literal));
    }
    return ConstantPlan.of(Types.decimal(precision, value.scale()), value, sql(literal));
  }

  @Override
  public Plan visitDoubleLiteral(DoubleLiteral literal) {
    return ConstantPlan.of(Types.DOUBLE, literal.value(), sql(literal));
  }

  @Override
  public Plan visitStringLiteral(StringLiteral literal) {
    return ConstantPlan.of(
        Types.VARCHAR, literal.value().getBytes(StandardCharsets.UTF_8), sql(literal));
  }

  @Override
  public Plan visitColumnRef(ColumnRef column) {
    return scope.resolve(column);
  }

  // ---------------------------------------------------------------- operators

  @Override
  public Plan visitArithmetic(Arithmetic arithmetic) {
    Plan left = arithmetic.left().accept(this);
    Plan right = arithmetic.right().accept(this);
    return Operators.arithmetic(
        operator(arithmetic.operator()), left, right, sql(arithmetic), arithmetic.position());
  }

  private static ArithmeticOperator operator(Arithmetic.Operator operator) {
    switch (operator) {
      case ADD:
        return ArithmeticOperator.ADD;
      case SUBTRACT:
        return ArithmeticOperator.SUBTRACT;
      case MULTIPLY:
        return ArithmeticOperator.MULTIPLY;
      case DIVIDE:
        return ArithmeticOperator.DIVIDE;
      case MODULUS:
        return ArithmeticOperator.MODULUS;
    }
    throw new IllegalStateException("unknown operator " + operator);
  }

  @Override
  public Plan visitNegative(Negative negative) {
    Plan value = Conversions.wide(negative.value().accept(this));
    String sql = sql(negative);
    switch (value.type().kind()) {
      case BOOLEAN:
        value = Conversions.convert(value, Types.BIGINT, negative.position());
        break;
      case VARCHAR:
        value = Conversions.convert(value, Types.DOUBLE, negative.position());
        break;
      case BIGINT:
      case DOUBLE:
      case DECIMAL:
        break;
      default:
        throw new ExpressionException(
            "unary - cannot take a " + Types.describe(value.type()), negative.position());
    }
    if (value instanceof ConstantPlan) {
      Object folded = negateConstant(((ConstantPlan) value).value());
      if (folded != null || ((ConstantPlan) value).isNull()) {
        return ConstantPlan.of(value.type(), folded, sql);
      }
    }
    return new CallPlan(
        value.type(),
        sql,
        List.of(value),
        (i, k) -> new NegateKernel(k.get(0), i.strict(), sql, i.allocator()));
  }

  private static Object negateConstant(Object value) {
    if (value instanceof Long && (Long) value != Long.MIN_VALUE) {
      return -(Long) value;
    }
    if (value instanceof Double) {
      return -(Double) value;
    }
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).negate();
    }
    return null;
  }

  @Override
  public Plan visitComparison(Comparison comparison) {
    Plan left = comparison.left().accept(this);
    Plan right = comparison.right().accept(this);
    return Operators.compare(
        operator(comparison.operator()), left, right, sql(comparison), comparison.position());
  }

  private static ComparisonOperator operator(Comparison.Operator operator) {
    switch (operator) {
      case EQUAL:
        return ComparisonOperator.EQUAL;
      case NOT_EQUAL:
        return ComparisonOperator.NOT_EQUAL;
      case LESS_THAN:
        return ComparisonOperator.LESS_THAN;
      case LESS_THAN_OR_EQUAL:
        return ComparisonOperator.LESS_THAN_OR_EQUAL;
      case GREATER_THAN:
        return ComparisonOperator.GREATER_THAN;
      case GREATER_THAN_OR_EQUAL:
        return ComparisonOperator.GREATER_THAN_OR_EQUAL;
      case NULL_SAFE_EQUAL:
        return ComparisonOperator.NULL_SAFE_EQUAL;
    }
    throw new IllegalStateException("unknown operator " + operator);
  }

  @Override
  public Plan visitLogical(Logical logical) {
    boolean and = logical.operator() == Logical.Operator.AND;
    List<Plan> terms = new ArrayList<>();
    for (Expression term : logical.terms()) {
      terms.add(
          Operators.requireBoolean(
              term.accept(this), term.position(), "an operand of " + logical.operator()));
    }
    return Operators.logical(and, terms, sql(logical));
  }

  @Override
  public Plan visitNot(Not not) {
    Plan value =
        Operators.requireBoolean(not.value().accept(this), not.value().position(), "NOT's operand");
    return Operators.not(value, sql(not));
  }

  @Override
  public Plan visitIsNull(IsNull isNull) {
    return Operators.isNull(isNull.value().accept(this), sql(isNull), isNull.negated());
  }

  @Override
  public Plan visitIn(In in) {
    String sql = sql(in);
    Plan value = Conversions.wide(in.value().accept(this));
    List<Plan> items = new ArrayList<>();
    for (Expression item : in.list()) {
      items.add(Conversions.wide(item.accept(this)));
    }
    Plan result = in(value, items, in, sql);
    return in.negated() ? Operators.not(result, sql) : result;
  }

  private Plan in(Plan value, List<Plan> items, In in, String sql) {
    if (Operators.isNull(value)) {
      return ConstantPlan.nullOf(Types.BOOLEAN, sql);
    }
    // A set search needs one type for the value and every item, found as comparisons find it.
    ColumnType type = null;
    boolean uniform = true;
    boolean allConstant = true;
    for (Plan item : items) {
      allConstant &= item instanceof ConstantPlan;
      if (Operators.isNull(item)) {
        continue;
      }
      ColumnType[] pair = Operators.comparisonTypes(value, item, in.position());
      if (!pair[0].equals(pair[1]) || (type != null && !type.equals(pair[0]))) {
        uniform = false;
      }
      type = pair[0];
    }
    TypeKind kind = type == null ? TypeKind.DECIMAL : type.kind();
    boolean setSearch =
        allConstant
            && uniform
            && (kind == TypeKind.BIGINT
                || kind == TypeKind.DOUBLE
                || kind == TypeKind.DATE
                || kind == TypeKind.DATETIME
                || kind == TypeKind.VARCHAR);
    if (!setSearch) {
      // value = a OR value = b ...: the value plan is shared, so it is computed once.
      List<Plan> terms = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        terms.add(
            Operators.compare(
                ComparisonOperator.EQUAL, value, items.get(i), sql, in.list().get(i).position()));
      }
      return terms.size() == 1 ? terms.get(0) : Operators.logical(false, terms, sql);
    }
    ColumnType target = type;
    Plan converted = Conversions.convert(value, target, in.value().position());
    List<Object> constants = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Plan item = items.get(i);
      constants.add(
          Operators.isNull(item)
              ? null
              : ((ConstantPlan) Conversions.convert(item, target, in.list().get(i).position()))
                  .value());
    }
    List<Object> list = Collections.unmodifiableList(constants);
    return new CallPlan(
        Types.BOOLEAN,
        sql,
        List.of(converted),
        (i, k) -> new InKernel(k.get(0), list, false, i.allocator()));
  }

  @Override
  public Plan visitBetween(Between between) {
    String sql = sql(between);
    Plan value = between.value().accept(this);
    Plan lower = between.lower().accept(this);
    Plan upper = between.upper().accept(this);
    Plan atLeast =
        Operators.compare(
            ComparisonOperator.GREATER_THAN_OR_EQUAL,
            value,
            lower,
            sql,
            between.lower().position());
    Plan atMost =
        Operators.compare(
            ComparisonOperator.LESS_THAN_OR_EQUAL, value, upper, sql, between.upper().position());
    Plan result = Operators.logical(true, List.of(atLeast, atMost), sql);
    return between.negated() ? Operators.not(result, sql) : result;
  }

  @Override
  public Plan visitLike(Like like) {
    String sql = sql(like);
    boolean regexp = like.kind() == Like.Kind.REGEXP;
    Plan value = text(like.value().accept(this), like.value().position(), "LIKE");
    Plan pattern = text(like.pattern().accept(this), like.pattern().position(), "LIKE");
    if (Operators.isNull(value) || Operators.isNull(pattern)) {
      return ConstantPlan.nullOf(Types.BOOLEAN, sql);
    }
    byte[] constantPattern =
        pattern instanceof ConstantPlan ? (byte[]) ((ConstantPlan) pattern).value() : null;
    if (regexp && constantPattern != null) {
      try {
        Pattern.compile(new String(constantPattern, StandardCharsets.UTF_8));
      } catch (PatternSyntaxException e) {
        throw new ExpressionException(
            "invalid regular expression: " + e.getDescription(), like.pattern().position());
      }
    }
    Plan result =
        new CallPlan(
            Types.BOOLEAN,
            sql,
            List.of(value, pattern),
            (i, k) ->
                new LikeKernel(
                    regexp, k.get(0), k.get(1), constantPattern, i.strict(), i.allocator()));
    return like.negated() ? Operators.not(result, sql) : result;
  }

  private static Plan text(Plan plan, Position position, String what) {
    if (!Conversions.canConvert(plan.type(), Types.VARCHAR)) {
      throw new ExpressionException(
          what + " needs a string, got " + Types.describe(plan.type()), position);
    }
    return Conversions.convert(plan, Types.VARCHAR, position);
  }

  @Override
  public Plan visitCase(Case caseExpression) {
    String sql = sql(caseExpression);
    Plan operand = caseExpression.operand().map(e -> e.accept(this)).orElse(null);
    List<Plan> conditions = new ArrayList<>();
    List<Plan> values = new ArrayList<>();
    for (WhenClause clause : caseExpression.whenClauses()) {
      Plan condition = clause.condition().accept(this);
      if (operand != null) {
        condition =
            Operators.compare(
                ComparisonOperator.EQUAL,
                operand,
                condition,
                sql(clause.condition()),
                clause.condition().position());
      } else {
        condition =
            Operators.requireBoolean(condition, clause.condition().position(), "a WHEN condition");
      }
      conditions.add(condition);
      values.add(clause.result().accept(this));
    }
    Plan elseValue = caseExpression.elseValue().map(e -> e.accept(this)).orElse(null);
    List<Plan> all = new ArrayList<>(values);
    if (elseValue != null) {
      all.add(elseValue);
    }
    ColumnType type = Operators.resultType(all, caseExpression.position(), "CASE");
    List<Plan> converted = Operators.convertAll(values, type, caseExpression.position());
    Plan convertedElse =
        elseValue == null ? null : Conversions.convert(elseValue, type, caseExpression.position());
    return Operators.caseWhen(type, conditions, converted, convertedElse, sql);
  }

  @Override
  public Plan visitCast(Cast cast) {
    Plan value = cast.value().accept(this);
    ColumnType target = castType(cast.type());
    if (!Conversions.canConvert(value.type(), target)) {
      throw new ExpressionException(
          "cannot cast " + Types.describe(value.type()) + " to " + Types.describe(target),
          cast.position());
    }
    return Conversions.convert(value, target, cast.position());
  }

  /** CAST's target; strings of any declared length are VARCHAR inside expressions. */
  private static ColumnType castType(DataType type) {
    String name = type.name();
    if (name.equals("CHAR") || name.equals("VARCHAR") || name.equals("STRING")) {
      return Types.VARCHAR;
    }
    if (name.equals("DECIMAL") && type.parameters().isEmpty()) {
      // StarRocks' CAST(x AS DECIMAL) keeps a fraction, unlike a DECIMAL column's (10,0).
      return ColumnType.decimal(38, 9);
    }
    try {
      return ColumnType.parse(type.text());
    } catch (IllegalArgumentException e) {
      throw new ExpressionException(
          "cannot cast to " + type.text() + ": " + e.getMessage(), type.position());
    }
  }

  @Override
  public Plan visitFunctionCall(FunctionCall call) {
    Functions.Spec spec =
        Functions.find(call.name())
            .orElseThrow(
                () ->
                    new ExpressionException(
                        "unknown function '" + call.name() + "'", call.position()));
    if (call.distinct() || call.starArgument()) {
      throw new ExpressionException(
          "function " + call.name() + " takes no " + (call.distinct() ? "DISTINCT" : "*"),
          call.position());
    }
    if (!spec.accepts(call.arguments().size())) {
      throw new ExpressionException(spec.arityMessage(call.arguments().size()), call.position());
    }
    List<Plan> arguments = new ArrayList<>();
    for (Expression argument : call.arguments()) {
      arguments.add(argument.accept(this));
    }
    return spec.binder().bind(new FunctionCallContext(call, arguments, sql(call)));
  }
}
