package dev.sluice.sql;

import static java.util.Objects.requireNonNull;

import dev.sluice.sql.tree.Arithmetic;
import dev.sluice.sql.tree.Between;
import dev.sluice.sql.tree.BooleanLiteral;
import dev.sluice.sql.tree.Case;
import dev.sluice.sql.tree.Cast;
import dev.sluice.sql.tree.ColumnMapping;
import dev.sluice.sql.tree.ColumnRef;
import dev.sluice.sql.tree.Comparison;
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
import dev.sluice.sql.tree.StringLiteral;
import dev.sluice.sql.tree.WhenClause;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Prints expressions back to SQL the way StarRocks shows them (SHOW ROUTINE LOAD's {@code
 * columnToColumnExpr}, {@code whereExpr}): column references in backquotes, strings in single
 * quotes, function names lower case, keywords upper case, single spaces around operators, and
 * parentheses only where precedence needs them. The output parses back ({@link
 * SqlParser#parseExpression}) to the same tree, positions aside.
 */
public final class ExpressionFormatter {

  /** Reserved words that the grammar still accepts as function names. */
  private static final Set<String> BARE_FUNCTION_NAMES =
      Set.of("if", "current_timestamp", "current_date");

  private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

  // Binding strength, loosest first; a child binding looser than its slot needs parentheses.
  private static final int OR = 1;
  private static final int AND = 2;
  private static final int NOT = 3;
  private static final int PREDICATE = 4;
  private static final int ADDITIVE = 5;
  private static final int MULTIPLICATIVE = 6;
  private static final int UNARY = 7;
  private static final int PRIMARY = 8;

  private ExpressionFormatter() {}

  public static String format(Expression expression) {
    return requireNonNull(expression, "expression is null").accept(new Printer());
  }

  /** {@code name} or {@code name=expression}, e.g. {@code pay_dt=from_unixtime(`pay_time`)}. */
  public static String formatColumnMapping(ColumnMapping mapping) {
    String name = quoteIfNeeded(mapping.name());
    return mapping.expression().map(e -> name + "=" + format(e)).orElse(name);
  }

  /**
   * Mappings joined by commas without spaces, as in SHOW ROUTINE LOAD's {@code columnToColumnExpr};
   * {@link SqlParser#parseColumnMappings} reads it back.
   */
  public static String formatColumnMappings(List<ColumnMapping> mappings) {
    return mappings.stream()
        .map(ExpressionFormatter::formatColumnMapping)
        .collect(Collectors.joining(","));
  }

  /** {@code `name`}, with backquotes inside doubled. */
  public static String quoteIdentifier(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** The name as is when it can be written bare, else {@link #quoteIdentifier quoted}. */
  public static String quoteIfNeeded(String name) {
    return PLAIN_IDENTIFIER.matcher(name).matches() && !TokenDescriptions.isReserved(name)
        ? name
        : quoteIdentifier(name);
  }

  /** {@code 'value'} with the escapes {@link SqlParser} understands. */
  public static String quoteString(String value) {
    StringBuilder quoted = new StringBuilder(value.length() + 2).append('\'');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\':
          // The parser keeps \% and \_ as they are (LIKE escapes), so they print as they are.
          boolean likeEscape =
              i + 1 < value.length() && (value.charAt(i + 1) == '%' || value.charAt(i + 1) == '_');
          quoted.append(likeEscape ? "\\" : "\\\\");
          break;
        case '\'':
          quoted.append("\\'");
          break;
        case '\n':
          quoted.append("\\n");
          break;
        case '\r':
          quoted.append("\\r");
          break;
        case '\t':
          quoted.append("\\t");
          break;
        case '\b':
          quoted.append("\\b");
          break;
        case '\0':
          quoted.append("\\0");
          break;
        case '\032':
          quoted.append("\\Z");
          break;
        default:
          quoted.append(c);
          break;
      }
    }
    return quoted.append('\'').toString();
  }

  private static int precedence(Expression expression) {
    if (expression instanceof Logical logical) {
      return logical.operator() == Logical.Operator.OR ? OR : AND;
    }
    if (expression instanceof Not) {
      return NOT;
    }
    if (expression instanceof Comparison
        || expression instanceof IsNull
        || expression instanceof In
        || expression instanceof Between
        || expression instanceof Like) {
      return PREDICATE;
    }
    if (expression instanceof Arithmetic arithmetic) {
      Arithmetic.Operator operator = arithmetic.operator();
      return operator == Arithmetic.Operator.ADD || operator == Arithmetic.Operator.SUBTRACT
          ? ADDITIVE
          : MULTIPLICATIVE;
    }
    if (expression instanceof Negative || isNegativeNumber(expression)) {
      return UNARY;
    }
    return PRIMARY;
  }

  private static boolean isNegativeNumber(Expression expression) {
    return (expression instanceof IntegerLiteral integer && integer.value().signum() < 0)
        || (expression instanceof DecimalLiteral decimal && decimal.value().signum() < 0)
        || (expression instanceof DoubleLiteral number
            && (number.value() < 0 || 1 / number.value() < 0));
  }

  private static final class Printer implements ExpressionVisitor<String> {

    /** The child's text, parenthesised if it binds looser than {@code minimum}. */
    private String child(Expression child, int minimum) {
      String text = child.accept(this);
      return precedence(child) < minimum ? "(" + text + ")" : text;
    }

    private String list(List<Expression> expressions) {
      return expressions.stream().map(e -> e.accept(this)).collect(Collectors.joining(", "));
    }

    @Override
    public String visitNullLiteral(NullLiteral literal) {
      return "NULL";
    }

    @Override
    public String visitBooleanLiteral(BooleanLiteral literal) {
      return literal.value() ? "TRUE" : "FALSE";
    }

    @Override
    public String visitIntegerLiteral(IntegerLiteral literal) {
      return literal.value().toString();
    }

    /** Always with a decimal point, so that it reads back as a decimal, not an integer. */
    @Override
    public String visitDecimalLiteral(DecimalLiteral literal) {
      BigDecimal value = literal.value();
      String text = value.toPlainString();
      return value.scale() <= 0 ? text + "." : text;
    }

    /** Always with an exponent, so that it reads back as a double, not a decimal. */
    @Override
    public String visitDoubleLiteral(DoubleLiteral literal) {
      String text = Double.toString(literal.value());
      return text.contains("E") ? text : text + "E0";
    }

    @Override
    public String visitStringLiteral(StringLiteral literal) {
      return quoteString(literal.value());
    }

    @Override
    public String visitColumnRef(ColumnRef column) {
      String name = quoteIdentifier(column.name());
      return column.qualifier().map(q -> quoteIdentifier(q) + "." + name).orElse(name);
    }

    @Override
    public String visitArithmetic(Arithmetic arithmetic) {
      int precedence = precedence(arithmetic);
      return child(arithmetic.left(), precedence)
          + " "
          + arithmetic.operator().symbol()
          + " "
          + child(arithmetic.right(), precedence + 1);
    }

    @Override
    public String visitNegative(Negative negative) {
      String operand = child(negative.value(), UNARY);
      // "--x" would start a comment.
      return operand.startsWith("-") ? "-(" + operand + ")" : "-" + operand;
    }

    @Override
    public String visitComparison(Comparison comparison) {
      return child(comparison.left(), PREDICATE)
          + " "
          + comparison.operator().symbol()
          + " "
          + child(comparison.right(), ADDITIVE);
    }

    @Override
    public String visitLogical(Logical logical) {
      int precedence = precedence(logical);
      return logical.terms().stream()
          .map(term -> child(term, precedence + 1))
          .collect(Collectors.joining(" " + logical.operator().name() + " "));
    }

    @Override
    public String visitNot(Not not) {
      return "NOT " + child(not.value(), NOT);
    }

    @Override
    public String visitIsNull(IsNull isNull) {
      return child(isNull.value(), PREDICATE) + (isNull.negated() ? " IS NOT NULL" : " IS NULL");
    }

    @Override
    public String visitIn(In in) {
      return child(in.value(), ADDITIVE)
          + (in.negated() ? " NOT IN (" : " IN (")
          + list(in.list())
          + ")";
    }

    @Override
    public String visitBetween(Between between) {
      return child(between.value(), ADDITIVE)
          + (between.negated() ? " NOT BETWEEN " : " BETWEEN ")
          + child(between.lower(), ADDITIVE)
          + " AND "
          + child(between.upper(), ADDITIVE);
    }

    @Override
    public String visitLike(Like like) {
      return child(like.value(), ADDITIVE)
          + (like.negated() ? " NOT " : " ")
          + like.kind().name()
          + " "
          + child(like.pattern(), ADDITIVE);
    }

    @Override
    public String visitCase(Case caseExpression) {
      StringBuilder text = new StringBuilder("CASE");
      caseExpression.operand().ifPresent(operand -> text.append(' ').append(operand.accept(this)));
      for (WhenClause clause : caseExpression.whenClauses()) {
        text.append(" WHEN ")
            .append(clause.condition().accept(this))
            .append(" THEN ")
            .append(clause.result().accept(this));
      }
      caseExpression.elseValue().ifPresent(e -> text.append(" ELSE ").append(e.accept(this)));
      return text.append(" END").toString();
    }

    @Override
    public String visitCast(Cast cast) {
      return "CAST(" + cast.value().accept(this) + " AS " + cast.type().text() + ")";
    }

    @Override
    public String visitFunctionCall(FunctionCall call) {
      String name =
          BARE_FUNCTION_NAMES.contains(call.name()) ? call.name() : quoteIfNeeded(call.name());
      if (call.starArgument()) {
        return name + "(*)";
      }
      return name + "(" + (call.distinct() ? "DISTINCT " : "") + list(call.arguments()) + ")";
    }
  }
}
