/**
 * The vectorized evaluator: a compiled expression is a tree of {@link
 * dev.sluice.expr.vector.VectorExpression} kernels, each evaluating a whole Arrow batch into a
 * scratch vector it owns and reuses from batch to batch, with primitive loops over the Arrow
 * buffers and word-at-a-time validity arithmetic. Values that cannot be computed are reported per
 * row through {@link dev.sluice.expr.vector.Failures} instead of exceptions. Internal to the
 * expression engine: the analyzer builds these trees, the public API in {@code dev.sluice.expr}
 * runs them.
 */
package dev.sluice.expr.vector;
