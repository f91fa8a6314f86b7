package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

/** {@code RESUME ROUTINE LOAD FOR [db.]job}. */
public record ResumeRoutineLoad(QualifiedName job, boolean vertical, Position position)
    implements Statement {

  public ResumeRoutineLoad {
    requireNonNull(job, "job is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitResumeRoutineLoad(this);
  }
}
