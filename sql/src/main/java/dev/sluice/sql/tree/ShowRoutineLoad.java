package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * {@code SHOW [ALL] ROUTINE LOAD [FOR [db.]job] [FROM db]}. {@code includeHistory} is ALL: also
 * list STOPPED and CANCELLED jobs. The job's own database, when given, and {@code database} may
 * disagree; the executor decides what that means.
 */
public record ShowRoutineLoad(
    boolean includeHistory,
    Optional<QualifiedName> job,
    Optional<String> database,
    boolean vertical,
    Position position)
    implements Statement {

  public ShowRoutineLoad {
    requireNonNull(job, "job is null");
    requireNonNull(database, "database is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitShowRoutineLoad(this);
  }
}
