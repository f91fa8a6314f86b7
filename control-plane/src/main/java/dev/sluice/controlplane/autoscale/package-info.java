/**
 * Worker autoscaling: a pure policy that turns runnable tasks and lag into a desired worker count
 * with hysteresis and cool-downs, and the PostgreSQL row that keeps its state, so every
 * control-plane replica reports the same figure.
 */
package dev.sluice.controlplane.autoscale;
