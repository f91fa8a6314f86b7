/**
 * The worker lease protocol: acquiring, extending and aborting leases, and the exactly-once commit.
 * Plain JDBC over a {@link dev.sluice.controlplane.store.Database}; no Quarkus, so the protocol is
 * tested directly against a real PostgreSQL with a controllable clock.
 */
package dev.sluice.controlplane.lease;
