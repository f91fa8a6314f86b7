/**
 * Secrets and access: the cipher that keeps credentials encrypted in PostgreSQL, the one list of
 * property names that hold secrets (masked in every SHOW and DESC), and the gRPC authentication of
 * the admin and lease APIs.
 */
package dev.sluice.controlplane.security;
