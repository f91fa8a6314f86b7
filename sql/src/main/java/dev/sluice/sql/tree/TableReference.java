package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** The FROM of a SELECT: {@code [db.]table [[AS] alias]}. */
public record TableReference(QualifiedName table, Optional<String> alias, Position position)
    implements Node {

  public TableReference {
    requireNonNull(table, "table is null");
    requireNonNull(alias, "alias is null");
    requireNonNull(position, "position is null");
  }
}
