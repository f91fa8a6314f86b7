package dev.sluice.sql.tree;

import java.util.List;

/**
 * A parsed expression (a WHERE condition, a COLUMNS mapping, a select item, ...).
 *
 * <p>Parentheses are not represented: the tree shape already encodes grouping.
 */
public sealed interface Expression extends Node
    permits Literal,
        ColumnRef,
        Arithmetic,
        Negative,
        Comparison,
        Logical,
        Not,
        IsNull,
        In,
        Between,
        Like,
        Case,
        Cast,
        FunctionCall {

  /** The direct sub-expressions, in source order; empty for leaves. */
  List<Expression> children();

  <R> R accept(ExpressionVisitor<R> visitor);
}
