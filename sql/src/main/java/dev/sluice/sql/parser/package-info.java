/**
 * The ANTLR-generated lexer, parser and visitor for {@code SluiceSql.g4} (src/main/antlr4).
 * Generated code: use {@link dev.sluice.sql.SqlParser} instead, which adds error messages, limits
 * and the syntax tree.
 */
package dev.sluice.sql.parser;
