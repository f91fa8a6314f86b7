package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** {@code [TEMPORARY] PARTITION (p1, p2)}: the table partitions a routine load may write. */
public record PartitionNames(boolean temporary, List<String> names, Position position)
    implements Node {

  public PartitionNames {
    names = List.copyOf(requireNonNull(names, "names is null"));
    if (names.isEmpty()) {
      throw new IllegalArgumentException("PARTITION needs at least one name");
    }
    requireNonNull(position, "position is null");
  }
}
