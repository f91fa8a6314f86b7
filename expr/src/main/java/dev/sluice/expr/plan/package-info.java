/**
 * Type-checked expressions: an immutable tree of {@link dev.sluice.expr.plan.Plan} nodes, each with
 * its result type and SQL text, built once by the analyzer (at CREATE time on the control plane,
 * once per task on the worker) and turned into a fresh tree of vector kernels, with their own
 * scratch vectors, for every evaluator ({@link dev.sluice.expr.plan.Instantiation}). Plans hold no
 * Arrow memory and are safe to share between threads. Internal to the expression engine.
 */
package dev.sluice.expr.plan;
