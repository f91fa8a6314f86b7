package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** {@code DROP FILE "name" [FROM db] [PROPERTIES ("catalog" = "kafka")]}. */
public record DropFile(
    String name,
    Optional<String> database,
    PropertyList properties,
    boolean vertical,
    Position position)
    implements Statement {

  public DropFile {
    requireNonNull(name, "name is null");
    requireNonNull(database, "database is null");
    requireNonNull(properties, "properties is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitDropFile(this);
  }
}
