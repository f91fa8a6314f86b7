package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

/**
 * {@code ALTER ROUTINE LOAD FOR [db.]job [load clauses] [PROPERTIES (...)] [FROM KAFKA (...)]}:
 * only what is written changes; absent clauses are empty.
 */
public record AlterRoutineLoad(
    QualifiedName job,
    LoadProperties loadProperties,
    PropertyList jobProperties,
    PropertyList dataSourceProperties,
    boolean vertical,
    Position position)
    implements Statement {

  public AlterRoutineLoad {
    requireNonNull(job, "job is null");
    requireNonNull(loadProperties, "loadProperties is null");
    requireNonNull(jobProperties, "jobProperties is null");
    requireNonNull(dataSourceProperties, "dataSourceProperties is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitAlterRoutineLoad(this);
  }
}
