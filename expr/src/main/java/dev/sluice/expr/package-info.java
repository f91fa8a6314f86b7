/**
 * Routine load transformations: the COLUMNS list (derived columns), WHERE, and partition
 * expressions, type-checked against the table and evaluated a whole Arrow batch at a time.
 *
 * <pre>{@code
 * // Control plane, at CREATE / ALTER ROUTINE LOAD: errors carry positions.
 * LoadTransform transform = LoadAnalyzer.analyze(table, mappings, where, TransformOptions.of(zone, strict));
 *
 * // Worker, once per task:
 * LoadTransform transform = LoadAnalyzer.analyze(table, columnsText, whereText, options);
 * // decode transform.sourceFields() (those needed) into vectors named like the fields, then per batch:
 * try (TransformEvaluator evaluator = transform.open(allocator)) {
 *   TransformResult result = evaluator.evaluate(sourceVectors, rowCount);
 *   writer.write(result.table(), result.selectedRows(), result.selectedCount());
 *   for (int i = 0; i < result.errorCount(); i++) reject(result.errorRow(i), result.errorReason(i));
 *   unselectedRows += result.unselectedCount();
 * }
 * }</pre>
 *
 * <p>The analyzer is {@link dev.sluice.expr.LoadAnalyzer}; type rules are documented in {@code
 * dev.sluice.expr.analysis}; kernels live in {@code dev.sluice.expr.vector}.
 */
package dev.sluice.expr;
