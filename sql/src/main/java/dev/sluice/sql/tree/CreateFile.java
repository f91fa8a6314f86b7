package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * {@code CREATE FILE "name" [IN db] PROPERTIES ("catalog" = "kafka", "content" = "...")}: a
 * certificate or key that Kafka properties refer to as {@code FILE:name}.
 */
public record CreateFile(
    String name,
    Optional<String> database,
    PropertyList properties,
    boolean vertical,
    Position position)
    implements Statement {

  public CreateFile {
    requireNonNull(name, "name is null");
    requireNonNull(database, "database is null");
    requireNonNull(properties, "properties is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitCreateFile(this);
  }
}
