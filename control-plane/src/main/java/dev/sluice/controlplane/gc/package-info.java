/**
 * Garbage collection of files written by attempts that never committed. Plain JDBC over a {@link
 * dev.sluice.controlplane.store.Database} and the storage library's object stores; the schedule
 * lives in the Quarkus wiring.
 */
package dev.sluice.controlplane.gc;
