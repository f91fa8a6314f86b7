/**
 * Log output shared by the control plane and the worker: JSON lines on the console when {@code
 * sluice.log.json} is set. The beans here are found by Quarkus through this module's beans.xml.
 */
package dev.sluice.logging;
