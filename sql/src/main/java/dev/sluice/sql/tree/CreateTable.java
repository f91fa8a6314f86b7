package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * {@code CREATE TABLE [IF NOT EXISTS] [db.]name (columns) [clauses]}. The clauses (ENGINE, keys,
 * COMMENT, PARTITION BY, DISTRIBUTED BY, ORDER BY, PROPERTIES) may come in any order, each at most
 * once; {@code engine} is upper-cased (e.g. OLAP) and not checked.
 */
public record CreateTable(
    QualifiedName table,
    boolean ifNotExists,
    List<ColumnDefinition> columns,
    Optional<String> engine,
    Optional<KeysDescription> keys,
    Optional<String> comment,
    Optional<Partitioning> partitioning,
    Optional<Distribution> distribution,
    List<String> orderBy,
    PropertyList properties,
    boolean vertical,
    Position position)
    implements Statement {

  public CreateTable {
    requireNonNull(table, "table is null");
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    requireNonNull(engine, "engine is null");
    requireNonNull(keys, "keys is null");
    requireNonNull(comment, "comment is null");
    requireNonNull(partitioning, "partitioning is null");
    requireNonNull(distribution, "distribution is null");
    orderBy = List.copyOf(requireNonNull(orderBy, "orderBy is null"));
    requireNonNull(properties, "properties is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitCreateTable(this);
  }
}
