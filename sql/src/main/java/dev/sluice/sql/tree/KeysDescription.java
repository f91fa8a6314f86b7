package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** {@code DUPLICATE | PRIMARY | UNIQUE | AGGREGATE KEY (columns)} of a CREATE TABLE. */
public record KeysDescription(Type type, List<String> columns, Position position) implements Node {

  public enum Type {
    DUPLICATE,
    PRIMARY,
    UNIQUE,
    AGGREGATE
  }

  public KeysDescription {
    requireNonNull(type, "type is null");
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    requireNonNull(position, "position is null");
  }
}
