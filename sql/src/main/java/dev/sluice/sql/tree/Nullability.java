package dev.sluice.sql.tree;

/**
 * What a column definition says about NULL. UNSPECIFIED is kept apart from NULL because StarRocks'
 * default depends on the table (key columns of a PRIMARY KEY table are NOT NULL).
 */
public enum Nullability {
  UNSPECIFIED,
  NULL,
  NOT_NULL
}
