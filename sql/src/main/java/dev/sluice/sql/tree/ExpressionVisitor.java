package dev.sluice.sql.tree;

/**
 * Exhaustive dispatch over {@link Expression}s (one method per concrete type, literals included);
 * adding an expression type breaks every visitor at compile time.
 */
public interface ExpressionVisitor<R> {
  R visitNullLiteral(NullLiteral literal);

  R visitBooleanLiteral(BooleanLiteral literal);

  R visitIntegerLiteral(IntegerLiteral literal);

  R visitDecimalLiteral(DecimalLiteral literal);

  R visitDoubleLiteral(DoubleLiteral literal);

  R visitStringLiteral(StringLiteral literal);

  R visitColumnRef(ColumnRef column);

  R visitArithmetic(Arithmetic arithmetic);

  R visitNegative(Negative negative);

  R visitComparison(Comparison comparison);

  R visitLogical(Logical logical);

  R visitNot(Not not);

  R visitIsNull(IsNull isNull);

  R visitIn(In in);

  R visitBetween(Between between);

  R visitLike(Like like);

  R visitCase(Case caseExpression);

  R visitCast(Cast cast);

  R visitFunctionCall(FunctionCall call);
}
