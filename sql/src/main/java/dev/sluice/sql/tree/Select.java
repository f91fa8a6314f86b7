package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * {@code SELECT [DISTINCT] items FROM [db.]table [alias] [WHERE] [GROUP BY] [HAVING] [ORDER BY]
 * [LIMIT]}: a single-table query; lists are empty and optionals absent when the clause is.
 */
public record Select(
    boolean distinct,
    List<SelectItem> selectItems,
    TableReference from,
    Optional<Expression> where,
    List<Expression> groupBy,
    Optional<Expression> having,
    List<SortItem> orderBy,
    Optional<Limit> limit,
    boolean vertical,
    Position position)
    implements Statement {

  public Select {
    selectItems = List.copyOf(requireNonNull(selectItems, "selectItems is null"));
    requireNonNull(from, "from is null");
    requireNonNull(where, "where is null");
    groupBy = List.copyOf(requireNonNull(groupBy, "groupBy is null"));
    requireNonNull(having, "having is null");
    orderBy = List.copyOf(requireNonNull(orderBy, "orderBy is null"));
    requireNonNull(limit, "limit is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitSelect(this);
  }
}
