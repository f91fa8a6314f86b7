package dev.sluice.sql.tree;

import java.util.List;

/** A constant written in the source. */
public sealed interface Literal extends Expression
    permits NullLiteral,
        BooleanLiteral,
        IntegerLiteral,
        DecimalLiteral,
        DoubleLiteral,
        StringLiteral {

  @Override
  default List<Expression> children() {
    return List.of();
  }
}
