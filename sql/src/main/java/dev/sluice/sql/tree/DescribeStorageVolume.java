package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

/** {@code DESC | DESCRIBE STORAGE VOLUME name}. */
public record DescribeStorageVolume(String name, boolean vertical, Position position)
    implements Statement {

  public DescribeStorageVolume {
    requireNonNull(name, "name is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitDescribeStorageVolume(this);
  }
}
