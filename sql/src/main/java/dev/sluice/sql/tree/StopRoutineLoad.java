package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

/** {@code STOP ROUTINE LOAD FOR [db.]job}. */
public record StopRoutineLoad(QualifiedName job, boolean vertical, Position position)
    implements Statement {

  public StopRoutineLoad {
    requireNonNull(job, "job is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitStopRoutineLoad(this);
  }
}
