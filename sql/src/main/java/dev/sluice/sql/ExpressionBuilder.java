package dev.sluice.sql;

import static dev.sluice.sql.Trees.error;
import static dev.sluice.sql.Trees.position;

import dev.sluice.sql.parser.SluiceSqlBaseVisitor;
import dev.sluice.sql.parser.SluiceSqlParser;
import dev.sluice.sql.parser.SluiceSqlParser.ArithmeticContext;
import dev.sluice.sql.parser.SluiceSqlParser.BetweenContext;
import dev.sluice.sql.parser.SluiceSqlParser.BooleanDefaultContext;
import dev.sluice.sql.parser.SluiceSqlParser.BooleanExpressionContext;
import dev.sluice.sql.parser.SluiceSqlParser.BooleanLiteralContext;
import dev.sluice.sql.parser.SluiceSqlParser.CastContext;
import dev.sluice.sql.parser.SluiceSqlParser.ColumnReferenceContext;
import dev.sluice.sql.parser.SluiceSqlParser.ComparisonContext;
import dev.sluice.sql.parser.SluiceSqlParser.ExpressionContext;
import dev.sluice.sql.parser.SluiceSqlParser.FunctionCallContext;
import dev.sluice.sql.parser.SluiceSqlParser.InListContext;
import dev.sluice.sql.parser.SluiceSqlParser.IsNullContext;
import dev.sluice.sql.parser.SluiceSqlParser.LikeContext;
import dev.sluice.sql.parser.SluiceSqlParser.LiteralContext;
import dev.sluice.sql.parser.SluiceSqlParser.LiteralExpressionContext;
import dev.sluice.sql.parser.SluiceSqlParser.LogicalBinaryContext;
import dev.sluice.sql.parser.SluiceSqlParser.LogicalNotContext;
import dev.sluice.sql.parser.SluiceSqlParser.NullLiteralContext;
import dev.sluice.sql.parser.SluiceSqlParser.NumberContext;
import dev.sluice.sql.parser.SluiceSqlParser.NumericLiteralContext;
import dev.sluice.sql.parser.SluiceSqlParser.ParenthesizedContext;
import dev.sluice.sql.parser.SluiceSqlParser.PredicateContext;
import dev.sluice.sql.parser.SluiceSqlParser.PredicateDefaultContext;
import dev.sluice.sql.parser.SluiceSqlParser.PredicateOperationContext;
import dev.sluice.sql.parser.SluiceSqlParser.PrimaryDefaultContext;
import dev.sluice.sql.parser.SluiceSqlParser.SearchedCaseContext;
import dev.sluice.sql.parser.SluiceSqlParser.SimpleCaseContext;
import dev.sluice.sql.parser.SluiceSqlParser.SpecialFunctionContext;
import dev.sluice.sql.parser.SluiceSqlParser.StringLiteralContext;
import dev.sluice.sql.parser.SluiceSqlParser.UnaryContext;
import dev.sluice.sql.parser.SluiceSqlParser.ValueExpressionContext;
import dev.sluice.sql.parser.SluiceSqlParser.WhenClauseContext;
import dev.sluice.sql.tree.Arithmetic;
import dev.sluice.sql.tree.Between;
import dev.sluice.sql.tree.BooleanLiteral;
import dev.sluice.sql.tree.Case;
import dev.sluice.sql.tree.Cast;
import dev.sluice.sql.tree.ColumnRef;
import dev.sluice.sql.tree.Comparison;
import dev.sluice.sql.tree.DecimalLiteral;
import dev.sluice.sql.tree.DoubleLiteral;
import dev.sluice.sql.tree.Expression;
import dev.sluice.sql.tree.FunctionCall;
import dev.sluice.sql.tree.In;
import dev.sluice.sql.tree.IntegerLiteral;
import dev.sluice.sql.tree.IsNull;
import dev.sluice.sql.tree.Like;
import dev.sluice.sql.tree.Literal;
import dev.sluice.sql.tree.Logical;
import dev.sluice.sql.tree.Negative;
import dev.sluice.sql.tree.Not;
import dev.sluice.sql.tree.NullLiteral;
import dev.sluice.sql.tree.Position;
import dev.sluice.sql.tree.StringLiteral;
import dev.sluice.sql.tree.WhenClause;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.antlr.v4.runtime.Token;

/**
 * Builds {@link Expression}s from the expression rules. Chains of binary operators are walked with
 * loops, not recursion, because ANTLR builds them as left-deep trees whose depth is the chain's
 * length; only real nesting (bounded by {@link TokenScanner#MAX_NESTING}) recurses.
 */
final class ExpressionBuilder extends SluiceSqlBaseVisitor<Expression> {

  /**
   * Deeper trees risk overflowing the stack of whoever walks them recursively later (record
   * toString and equals, formatters, evaluators): measured, 300 levels still fit in a 512 KB thread
   * stack, 500 do not. Only chains of binary operators get this deep; nesting is already capped at
   * {@link TokenScanner#MAX_NESTING}.
   */
  static final int MAX_DEPTH = 256;

  /** Numeric literals longer than this are certainly typos, and slow to convert. */
  private static final int MAX_NUMBER_LENGTH = 100;

  /** Builds a whole expression (a WHERE, a mapping, ...) and checks its depth. */
  Expression build(ExpressionContext context) {
    Expression expression = visit(context);
    checkDepth(expression);
    return expression;
  }

  @Override
  public Expression visitLogicalNot(LogicalNotContext context) {
    return new Not(visit(context.expression()), position(context));
  }

  /** Flattens {@code a OR b OR (c OR d)} into one node with four terms. */
  @Override
  public Expression visitLogicalBinary(LogicalBinaryContext context) {
    Logical.Operator operator = operator(context);
    List<ExpressionContext> leaves = new ArrayList<>();
    Deque<ExpressionContext> pending = new ArrayDeque<>();
    pending.push(context);
    while (!pending.isEmpty()) {
      ExpressionContext current = pending.pop();
      if (current instanceof LogicalBinaryContext binary && operator(binary) == operator) {
        pending.push(binary.right);
        pending.push(binary.left);
      } else {
        leaves.add(current);
      }
    }
    List<Expression> terms = new ArrayList<>();
    for (ExpressionContext leaf : leaves) {
      Expression term = visit(leaf);
      if (term instanceof Logical logical && logical.operator() == operator) {
        terms.addAll(logical.terms());
      } else {
        terms.add(term);
      }
    }
    return new Logical(operator, terms, position(context));
  }

  private static Logical.Operator operator(LogicalBinaryContext context) {
    int type = context.operator.getType();
    return type == SluiceSqlParser.AND || type == SluiceSqlParser.LOGICAL_AND
        ? Logical.Operator.AND
        : Logical.Operator.OR;
  }

  @Override
  public Expression visitBooleanDefault(BooleanDefaultContext context) {
    return visit(context.booleanExpression());
  }

  @Override
  public Expression visitIsNull(IsNullContext context) {
    return booleanChain(context);
  }

  @Override
  public Expression visitComparison(ComparisonContext context) {
    return booleanChain(context);
  }

  /** {@code a = b IS NULL = c ...}: walk down the left spine, then fold back up. */
  private Expression booleanChain(BooleanExpressionContext context) {
    Deque<BooleanExpressionContext> chain = new ArrayDeque<>();
    BooleanExpressionContext current = context;
    while (current instanceof IsNullContext || current instanceof ComparisonContext) {
      chain.push(current);
      current =
          current instanceof IsNullContext isNull
              ? isNull.booleanExpression()
              : ((ComparisonContext) current).left;
    }
    Expression result = visit(current);
    while (!chain.isEmpty()) {
      BooleanExpressionContext link = chain.pop();
      Position position = position(link);
      if (link instanceof IsNullContext isNull) {
        result = new IsNull(result, isNull.NOT() != null, position);
      } else {
        ComparisonContext comparison = (ComparisonContext) link;
        result =
            new Comparison(
                comparisonOperator(comparison.comparisonOperator().getStart()),
                result,
                visit(comparison.right),
                position);
      }
    }
    return result;
  }

  private static Comparison.Operator comparisonOperator(Token token) {
    switch (token.getType()) {
      case SluiceSqlParser.EQ:
        return Comparison.Operator.EQUAL;
      case SluiceSqlParser.NEQ:
        return Comparison.Operator.NOT_EQUAL;
      case SluiceSqlParser.LT:
        return Comparison.Operator.LESS_THAN;
      case SluiceSqlParser.LTE:
        return Comparison.Operator.LESS_THAN_OR_EQUAL;
      case SluiceSqlParser.GT:
        return Comparison.Operator.GREATER_THAN;
      case SluiceSqlParser.GTE:
        return Comparison.Operator.GREATER_THAN_OR_EQUAL;
      case SluiceSqlParser.NSEQ:
        return Comparison.Operator.NULL_SAFE_EQUAL;
      default:
        throw new IllegalStateException("not a comparison operator: " + token.getText());
    }
  }

  @Override
  public Expression visitPredicateDefault(PredicateDefaultContext context) {
    return visit(context.predicate());
  }

  @Override
  public Expression visitPredicate(PredicateContext context) {
    Expression value = visit(context.valueExpression());
    PredicateOperationContext operation = context.predicateOperation();
    Position position = position(context);
    if (operation == null) {
      return value;
    }
    if (operation instanceof InListContext in) {
      List<Expression> list = new ArrayList<>();
      for (ExpressionContext element : in.expression()) {
        list.add(visit(element));
      }
      return new In(value, list, in.NOT() != null, position);
    }
    if (operation instanceof BetweenContext between) {
      return new Between(
          value, visit(between.lower), visit(between.upper), between.NOT() != null, position);
    }
    LikeContext like = (LikeContext) operation;
    Like.Kind kind =
        like.kind.getType() == SluiceSqlParser.LIKE ? Like.Kind.LIKE : Like.Kind.REGEXP;
    return new Like(kind, value, visit(like.pattern), like.NOT() != null, position);
  }

  @Override
  public Expression visitPrimaryDefault(PrimaryDefaultContext context) {
    return visit(context.primaryExpression());
  }

  /** Unary plus disappears; unary minus folds into a numeric literal, else is a Negative. */
  @Override
  public Expression visitUnary(UnaryContext context) {
    Expression operand = visit(context.valueExpression());
    if (context.operator.getType() == SluiceSqlParser.PLUS) {
      return operand;
    }
    Position position = position(context);
    if (operand instanceof IntegerLiteral integer) {
      return new IntegerLiteral(integer.value().negate(), position);
    }
    if (operand instanceof DecimalLiteral decimal) {
      return new DecimalLiteral(decimal.value().negate(), position);
    }
    if (operand instanceof DoubleLiteral number) {
      return new DoubleLiteral(-number.value(), position);
    }
    return new Negative(operand, position);
  }

  @Override
  public Expression visitArithmetic(ArithmeticContext context) {
    Deque<ArithmeticContext> chain = new ArrayDeque<>();
    ValueExpressionContext current = context;
    while (current instanceof ArithmeticContext arithmetic) {
      chain.push(arithmetic);
      current = arithmetic.left;
    }
    Expression result = visit(current);
    while (!chain.isEmpty()) {
      ArithmeticContext link = chain.pop();
      result =
          new Arithmetic(
              arithmeticOperator(link.operator), result, visit(link.right), position(link));
    }
    return result;
  }

  private static Arithmetic.Operator arithmeticOperator(Token token) {
    switch (token.getType()) {
      case SluiceSqlParser.PLUS:
        return Arithmetic.Operator.ADD;
      case SluiceSqlParser.MINUS:
        return Arithmetic.Operator.SUBTRACT;
      case SluiceSqlParser.ASTERISK:
        return Arithmetic.Operator.MULTIPLY;
      case SluiceSqlParser.SLASH:
        return Arithmetic.Operator.DIVIDE;
      case SluiceSqlParser.PERCENT:
        return Arithmetic.Operator.MODULUS;
      default:
        throw new IllegalStateException("not an arithmetic operator: " + token.getText());
    }
  }

  @Override
  public Expression visitLiteralExpression(LiteralExpressionContext context) {
    return literal(context.literal());
  }

  @Override
  public Expression visitCast(CastContext context) {
    return new Cast(
        visit(context.expression()), DataTypes.dataType(context.dataType()), position(context));
  }

  @Override
  public Expression visitSimpleCase(SimpleCaseContext context) {
    return new Case(
        Optional.of(visit(context.operand)),
        whenClauses(context.whenClause()),
        optional(context.elseValue),
        position(context));
  }

  @Override
  public Expression visitSearchedCase(SearchedCaseContext context) {
    return new Case(
        Optional.empty(),
        whenClauses(context.whenClause()),
        optional(context.elseValue),
        position(context));
  }

  private List<WhenClause> whenClauses(List<WhenClauseContext> contexts) {
    List<WhenClause> clauses = new ArrayList<>();
    for (WhenClauseContext clause : contexts) {
      clauses.add(new WhenClause(visit(clause.condition), visit(clause.result), position(clause)));
    }
    return clauses;
  }

  private Optional<Expression> optional(ExpressionContext context) {
    return context == null ? Optional.empty() : Optional.of(visit(context));
  }

  @Override
  public Expression visitFunctionCall(FunctionCallContext context) {
    String name =
        context.functionName().identifier() != null
            ? Trees.identifier(context.functionName().identifier())
            : context.functionName().getText();
    List<Expression> arguments = new ArrayList<>();
    for (ExpressionContext argument : context.expression()) {
      arguments.add(visit(argument));
    }
    return new FunctionCall(
        name.toLowerCase(Locale.ROOT),
        arguments,
        context.DISTINCT() != null,
        context.ASTERISK() != null,
        position(context));
  }

  @Override
  public Expression visitSpecialFunction(SpecialFunctionContext context) {
    return FunctionCall.of(
        context.name.getText().toLowerCase(Locale.ROOT), List.of(), position(context));
  }

  @Override
  public Expression visitColumnReference(ColumnReferenceContext context) {
    List<String> parts = Trees.nameParts(context.qualifiedName());
    Position position = position(context);
    if (parts.size() == 1) {
      return ColumnRef.of(parts.get(0), position);
    }
    if (parts.size() == 2) {
      return new ColumnRef(Optional.of(parts.get(0)), parts.get(1), position);
    }
    throw error(
        context,
        "too many parts in column reference '"
            + String.join(".", parts)
            + "': expected column or table.column");
  }

  @Override
  public Expression visitParenthesized(ParenthesizedContext context) {
    return visit(context.expression());
  }

  /** A literal; also used for column DEFAULT values. */
  static Literal literal(LiteralContext context) {
    Position position = position(context);
    if (context instanceof NullLiteralContext) {
      return new NullLiteral(position);
    }
    if (context instanceof BooleanLiteralContext) {
      return new BooleanLiteral(context.getStart().getType() == SluiceSqlParser.TRUE, position);
    }
    if (context instanceof NumericLiteralContext numeric) {
      return number(numeric.number(), false, position);
    }
    return new StringLiteral(Trees.string(((StringLiteralContext) context).string()), position);
  }

  /** A numeric literal, negated when a minus sign was written before it. */
  static Literal number(NumberContext context, boolean negative, Position position) {
    Token token = context.getStart();
    String text = token.getText();
    if (text.length() > MAX_NUMBER_LENGTH) {
      throw error(
          token, "numeric literal is too long (more than " + MAX_NUMBER_LENGTH + " characters)");
    }
    switch (token.getType()) {
      case SluiceSqlParser.INTEGER_VALUE:
        BigInteger integer = new BigInteger(text);
        return new IntegerLiteral(negative ? integer.negate() : integer, position);
      case SluiceSqlParser.DECIMAL_VALUE:
        BigDecimal decimal = new BigDecimal(text);
        return new DecimalLiteral(negative ? decimal.negate() : decimal, position);
      default:
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
          throw error(token, "numeric literal " + text + " is out of the range of DOUBLE");
        }
        return new DoubleLiteral(negative ? -value : value, position);
    }
  }

  /** Iterative, so that checking a too-deep tree cannot itself overflow the stack. */
  private static void checkDepth(Expression root) {
    Deque<Expression> nodes = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    nodes.push(root);
    depths.push(1);
    while (!nodes.isEmpty()) {
      Expression node = nodes.pop();
      int depth = depths.pop();
      if (depth > MAX_DEPTH) {
        throw error(
            node.position(), "expression nested too deeply (more than " + MAX_DEPTH + " levels)");
      }
      for (Expression child : node.children()) {
        nodes.push(child);
        depths.push(depth + 1);
      }
    }
  }
}
