package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A {@code [database.]name} reference to a table or a routine load job. Without a database the
 * statement means the session's current database ({@code USE}). Both parts keep their case.
 */
public record QualifiedName(Optional<String> database, String name, Position position)
    implements Node {

  public QualifiedName {
    requireNonNull(database, "database is null");
    requireNonNull(name, "name is null");
    requireNonNull(position, "position is null");
  }

  public static QualifiedName of(String name, Position position) {
    return new QualifiedName(Optional.empty(), name, position);
  }

  public static QualifiedName of(String database, String name, Position position) {
    return new QualifiedName(Optional.of(database), name, position);
  }

  /** {@code db.name} or {@code name}, without quoting. */
  @Override
  public String toString() {
    return database.map(db -> db + "." + name).orElse(name);
  }
}
