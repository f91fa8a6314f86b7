package dev.sluice.controlplane.catalog;

/** How a table's key columns behave, as in StarRocks' table types. */
public enum KeyModel {
  DUPLICATE,
  PRIMARY,
  UNIQUE,
  AGGREGATE
}
