/** SQL sessions: parsing scripts and executing their statements against the services. */
package dev.sluice.controlplane.sql;
