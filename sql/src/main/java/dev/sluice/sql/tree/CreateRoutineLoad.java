package dev.sluice.sql.tree;

import static java.util.Objects.requireNonNull;

/**
 * {@code CREATE ROUTINE LOAD [db.]job ON table [load clauses] [PROPERTIES (...)] FROM KAFKA (...)}.
 * The table is in the job's database. The data source is always Kafka (the parser rejects any
 * other), so only its properties are kept; {@code jobProperties} and {@code dataSourceProperties}
 * are empty when their clause is absent.
 */
public record CreateRoutineLoad(
    QualifiedName job,
    String table,
    LoadProperties loadProperties,
    PropertyList jobProperties,
    PropertyList dataSourceProperties,
    boolean vertical,
    Position position)
    implements Statement {

  public CreateRoutineLoad {
    requireNonNull(job, "job is null");
    requireNonNull(table, "table is null");
    requireNonNull(loadProperties, "loadProperties is null");
    requireNonNull(jobProperties, "jobProperties is null");
    requireNonNull(dataSourceProperties, "dataSourceProperties is null");
    requireNonNull(position, "position is null");
  }

  @Override
  public <R> R accept(StatementVisitor<R> visitor) {
    return visitor.visitCreateRoutineLoad(this);
  }
}
