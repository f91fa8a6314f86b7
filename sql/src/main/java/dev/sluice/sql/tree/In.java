package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/** {@code value IN (a, b, ...)}, or {@code NOT IN} when {@code negated}. */
public record In(Expression value, List<Expression> list, boolean negated, Position position)
    implements Expression {

  public In {
    requireNonNull(value, "value is null");
    list = List.copyOf(requireNonNull(list, "list is null"));
    if (list.isEmpty()) {
      throw new IllegalArgumentException("an IN list needs at least one element");
    }
    requireNonNull(position, "position is null");
  }

  @Override
  public List<Expression> children() {
    List<Expression> children = new ArrayList<>(list.size() + 1);
    children.add(value);
    children.addAll(list);
    return List.copyOf(children);
  }

  @Override
  public <R> R accept(ExpressionVisitor<R> visitor) {
    return visitor.visitIn(this);
  }
}
