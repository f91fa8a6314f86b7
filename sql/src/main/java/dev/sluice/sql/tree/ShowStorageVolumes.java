package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

/** {@code SHOW STORAGE VOLUMES}. */
public record ShowStorageVolumes(boolean vertical, Position position) implements Statement {

  public ShowStorageVolumes {
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitShowStorageVolumes(this);
  }
}
