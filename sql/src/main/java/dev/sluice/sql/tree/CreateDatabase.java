package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

/** {@code CREATE DATABASE [IF NOT EXISTS] name}. */
public record CreateDatabase(String name, boolean ifNotExists, boolean vertical, Position position)
    implements Statement {

  public CreateDatabase {
    requireNonNull(name, "name is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitCreateDatabase(this);
  }
}
