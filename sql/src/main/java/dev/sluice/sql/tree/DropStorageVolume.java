package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

/** {@code DROP STORAGE VOLUME [IF EXISTS] name}. */
public record DropStorageVolume(String name, boolean ifExists, boolean vertical, Position position)
    implements Statement {

  public DropStorageVolume {
    requireNonNull(name, "name is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitDropStorageVolume(this);
  }
}
