/**
 * Log output of the control plane: JSON lines on the console when {@code sluice.log.json} is set.
 */
package dev.sluice.controlplane.logging;
