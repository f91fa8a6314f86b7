package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

/** {@code SHOW DATABASES}. */
public record ShowDatabases(boolean vertical, Position position) implements Statement {

  public ShowDatabases {
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitShowDatabases(this);
  }
}
