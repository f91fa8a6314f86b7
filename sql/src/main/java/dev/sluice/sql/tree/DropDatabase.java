package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

/** {@code DROP DATABASE [IF EXISTS] name}. */
public record DropDatabase(String name, boolean ifExists, boolean vertical, Position position)
    implements Statement {

  public DropDatabase {
    requireNonNull(name, "name is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitDropDatabase(this);
  }
}
