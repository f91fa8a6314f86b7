package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

/** {@code SET name AS DEFAULT STORAGE VOLUME}. */
public record SetDefaultStorageVolume(String name, boolean vertical, Position position)
    implements Statement {

  public SetDefaultStorageVolume {
    requireNonNull(name, "name is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitSetDefaultStorageVolume(this);
  }
}
