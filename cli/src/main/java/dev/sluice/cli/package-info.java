/** The {@code sluice} command line: its sub-commands and their output formatting. */
package dev.sluice.cli;
