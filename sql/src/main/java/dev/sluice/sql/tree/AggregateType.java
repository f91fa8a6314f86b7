package dev.sluice.sql.tree;

/** How an AGGREGATE KEY table merges a value column of rows with equal keys. */
public enum AggregateType {
  SUM,
  MAX,
  MIN,
  REPLACE,
  REPLACE_IF_NOT_NULL,
  HLL_UNION,
  BITMAP_UNION
}
