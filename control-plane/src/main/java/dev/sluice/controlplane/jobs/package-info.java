/**
 * Routine load jobs: their definition (properties, Kafka source, load clauses), their life cycle
 * (create, pause, resume, alter, stop), the task planner and what SHOW ROUTINE LOAD reports.
 */
package dev.sluice.controlplane.jobs;
