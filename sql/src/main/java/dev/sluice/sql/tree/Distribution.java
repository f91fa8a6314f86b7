package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalInt;

/**
 * {@code DISTRIBUTED BY HASH(columns) [BUCKETS n]} or {@code DISTRIBUTED BY RANDOM [BUCKETS n]}
 * (then {@code columns} is empty). No BUCKETS means "let the system choose".
 */
public record Distribution(Type type, List<String> columns, OptionalInt buckets, Position position)
    implements Node {

  public enum Type {
    HASH,
    RANDOM
  }

  public Distribution {
    requireNonNull(type, "type is null");
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    if (type == Type.HASH && columns.isEmpty()) {
      throw new IllegalArgumentException("HASH distribution needs columns");
    }
    if (type == Type.RANDOM && !columns.isEmpty()) {
      throw new IllegalArgumentException("RANDOM distribution has no columns");
    }
    requireNonNull(buckets, "buckets is null");
    requireNonNull(position, "position is null");
  }
}
