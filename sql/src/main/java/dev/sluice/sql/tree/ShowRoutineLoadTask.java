package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * {@code SHOW ROUTINE LOAD TASK [FROM db] WHERE JobName = "name"}; the parser accepts no other
 * WHERE, as StarRocks.
 */
public record ShowRoutineLoadTask(
    Optional<String> database, String jobName, boolean vertical, Position position)
    implements Statement {

  public ShowRoutineLoadTask {
    requireNonNull(database, "database is null");
    requireNonNull(jobName, "jobName is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitShowRoutineLoadTask(this);
  }
}
