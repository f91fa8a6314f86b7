/**
 * Sluice's SQL front end: {@link dev.sluice.sql.SqlParser} turns StarRocks statements and
 * expressions into the immutable tree of {@link dev.sluice.sql.tree}, {@link
 * dev.sluice.sql.ExpressionFormatter} prints expressions back, and every problem with the input is
 * a {@link dev.sluice.sql.SqlParseException} whose message starts with {@code line L:C:}. Plain
 * Java, thread-safe, no global state beyond ANTLR's shared prediction cache.
 */
package dev.sluice.sql;
