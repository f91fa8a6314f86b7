/** {@code sluice local}: the single-machine stack, and running Sluice services as processes. */
package dev.sluice.cli.local;
