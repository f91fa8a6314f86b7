/**
 * Value-at-a-time routines that the vector kernels call in their loops and the analyzer calls to
 * fold literals: the proleptic Gregorian calendar, MySQL date formats, number parsing and printing,
 * 128-bit decimals, UTF-8, LIKE patterns and time-zone offsets. Everything here works on primitives
 * and byte arrays and reports failure through return values, so the hot loops allocate nothing and
 * never throw per row. Internal to the expression engine.
 */
package dev.sluice.expr.scalar;
