package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** {@code SHOW FILE [FROM | IN db]}; without a database, the current one. */
public record ShowFiles(Optional<String> database, boolean vertical, Position position)
    implements Statement {

  public ShowFiles {
    requireNonNull(database, "database is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitShowFiles(this);
  }
}
