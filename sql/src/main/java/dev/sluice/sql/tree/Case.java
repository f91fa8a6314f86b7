package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code CASE [operand] WHEN .. THEN .. [ELSE ..] END}. With an operand (a "simple" CASE) each WHEN
 * condition is a value compared to the operand with =; without one (a "searched" CASE) each
 * condition is a boolean expression. No ELSE means ELSE NULL.
 */
public record Case(
    Optional<Expression> operand,
    List<WhenClause> whenClauses,
    Optional<Expression> elseValue,
    Position position)
    implements Expression {

  public Case {
    requireNonNull(operand, "operand is null");
    whenClauses = List.copyOf(requireNonNull(whenClauses, "whenClauses is null"));
    if (whenClauses.isEmpty()) {
      throw new IllegalArgumentException("a CASE needs at least one WHEN clause");
    }
    requireNonNull(elseValue, "elseValue is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public List<Expression> children() {
    List<Expression> children = new ArrayList<>();
    operand.ifPresent(children::add);
    for (WhenClause clause : whenClauses) {
      children.add(clause.condition());
      children.add(clause.result());
    }
    elseValue.ifPresent(children::add);
    return List.copyOf(children);
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitCase(this);
  }
}
