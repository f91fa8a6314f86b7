/** SELECT over the committed tablets of a table, with an embedded DuckDB. */
package dev.sluice.controlplane.query;
