/**
 * The immutable syntax tree produced by {@link dev.sluice.sql.SqlParser}.
 *
 * <p>Statements implement the sealed {@link dev.sluice.sql.tree.Statement}, expressions the sealed
 * {@link dev.sluice.sql.tree.Expression}; both offer a visitor because Java 17 has no
 * pattern-matching switch. Every node carries the {@link dev.sluice.sql.tree.Position} of its first
 * character so that later stages (type checking, execution) can point at the source.
 *
 * <p>Normalisations done by the parser, so consumers need not repeat them: backquotes are removed
 * from identifiers (names keep their case); string literals are unescaped; function names are
 * lower-cased; property keys are lower-cased, values kept verbatim; type names are upper-cased (see
 * {@link dev.sluice.sql.tree.DataType}); parentheses are dropped.
 */
package dev.sluice.sql.tree;
