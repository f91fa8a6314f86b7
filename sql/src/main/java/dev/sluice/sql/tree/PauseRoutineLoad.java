package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

/** {@code PAUSE ROUTINE LOAD FOR [db.]job}. */
public record PauseRoutineLoad(QualifiedName job, boolean vertical, Position position)
    implements Statement {

  public PauseRoutineLoad {
    requireNonNull(job, "job is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitPauseRoutineLoad(this);
  }
}
