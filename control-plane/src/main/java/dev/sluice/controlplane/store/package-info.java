/** PostgreSQL access: transactions and the schema's JSON helpers. */
package dev.sluice.controlplane.store;
