/** The worker's readiness: it is ready when a control plane answers. */
package dev.sluice.worker.health;
