package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

/** {@code USE name}: sets the session's current database. */
public record UseDatabase(String name, boolean vertical, Position position) implements Statement {

  public UseDatabase {
    requireNonNull(name, "name is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitUseDatabase(this);
  }
}
