/**
 * Operations: the figures read from PostgreSQL for metrics and the autoscaler (lag per partition,
 * job totals, tasks and leases), the Prometheus meters, readiness, and the desired-workers HTTP
 * endpoint.
 */
package dev.sluice.controlplane.ops;
