/**
 * What a native image of the worker needs registered: classes loaded by name (decision 0015). The
 * worker itself generates no classes at run time.
 */
package dev.sluice.worker.nativeimage;
