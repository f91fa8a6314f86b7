package dev.sluice.sql.tree;

/** A piece of the syntax tree; it knows where its source text starts. */
public interface Node {
  Position position();
}
