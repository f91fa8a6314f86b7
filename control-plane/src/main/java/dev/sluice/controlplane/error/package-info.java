/** Stable error codes and the exception that carries them to the API boundary. */
package dev.sluice.controlplane.error;
