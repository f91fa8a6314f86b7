/**
 * Name resolution, type checking and implicit conversions: turns parsed expressions ({@code
 * dev.sluice.sql.tree}) into typed {@link dev.sluice.expr.plan.Plan}s, reporting every problem as
 * an {@link dev.sluice.expr.ExpressionException} with the position of the offending text. The type
 * rules are documented on {@link dev.sluice.expr.analysis.Types}, {@link
 * dev.sluice.expr.analysis.Conversions} and {@link dev.sluice.expr.analysis.Operators}. Internal to
 * the expression engine.
 */
package dev.sluice.expr.analysis;
