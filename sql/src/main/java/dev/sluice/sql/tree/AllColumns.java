package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** {@code *}, or {@code t.*} with a qualifier. */
public record AllColumns(Optional<String> qualifier, Position position) implements SelectItem {

  public AllColumns {
    requireNonNull(qualifier, "qualifier is null");
    requireNonNull(position, "position is null");
  }
}
