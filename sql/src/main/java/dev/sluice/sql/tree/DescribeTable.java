package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

/** {@code DESC | DESCRIBE [db.]table}. */
public record DescribeTable(QualifiedName table, boolean vertical, Position position)
    implements Statement {

  public DescribeTable {
    requireNonNull(table, "table is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitDescribeTable(this);
  }
}
