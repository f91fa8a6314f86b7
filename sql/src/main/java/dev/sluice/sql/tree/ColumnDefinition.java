package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One column of a CREATE TABLE: {@code name type [agg] [NULL | NOT NULL] [DEFAULT v]
 * [AUTO_INCREMENT] [COMMENT "c"]}. The default is a {@link Literal}, or a {@link FunctionCall}
 * named {@code current_timestamp} / {@code current_date}.
 */
public record ColumnDefinition(
    String name,
    DataType type,
    Optional<AggregateType> aggregateType,
    Nullability nullability,
    Optional<Expression> defaultValue,
    boolean autoIncrement,
    Optional<String> comment,
    Position position)
    implements Node {

  public ColumnDefinition {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(aggregateType, "aggregateType is null");
    requireNonNull(nullability, "nullability is null");
    requireNonNull(defaultValue, "defaultValue is null");
    requireNonNull(comment, "comment is null");
    requireNonNull(position, "position is null");
  }
}
