package dev.sluice.sql.tree;

/** One item of a SELECT list: {@code *} / {@code t.*} or an expression with an alias. */
public sealed interface SelectItem extends Node permits AllColumns, SingleColumn {}
