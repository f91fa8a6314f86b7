/** Log output of the worker: JSON lines on the console when {@code sluice.log.json} is set. */
package dev.sluice.worker.logging;
