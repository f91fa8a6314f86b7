/**
 * The worker's Prometheus meters (names and labels in docs/OPERATIONS.md): time per pipeline stage,
 * rows and bytes, leases held, commit answers and aborts, and memory in use.
 */
package dev.sluice.worker.metrics;
