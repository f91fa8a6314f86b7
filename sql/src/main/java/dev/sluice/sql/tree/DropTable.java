package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

/** {@code DROP TABLE [IF EXISTS] [db.]table}. */
public record DropTable(QualifiedName table, boolean ifExists, boolean vertical, Position position)
    implements Statement {

  public DropTable {
    requireNonNull(table, "table is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitDropTable(this);
  }
}
