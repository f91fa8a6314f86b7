package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * {@code CREATE STORAGE VOLUME [IF NOT EXISTS] name TYPE = S3 LOCATIONS = ("s3://...", ...)
 * [COMMENT '...'] [PROPERTIES (...)]}. {@code type} is upper-cased; the parser accepts only S3.
 */
public record CreateStorageVolume(
    String name,
    boolean ifNotExists,
    String type,
    List<String> locations,
    Optional<String> comment,
    PropertyList properties,
    boolean vertical,
    Position position)
    implements Statement {

  public CreateStorageVolume {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    locations = List.copyOf(requireNonNull(locations, "locations is null"));
    requireNonNull(comment, "comment is null");
    requireNonNull(properties, "properties is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitCreateStorageVolume(this);
  }
}
