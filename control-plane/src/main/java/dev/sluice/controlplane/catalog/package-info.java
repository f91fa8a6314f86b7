/** The catalog: databases, tables and storage volumes, stored in PostgreSQL. */
package dev.sluice.controlplane.catalog;
