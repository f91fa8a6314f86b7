package dev.sluice.controlplane.lease;

/**
 * The answer to a commit. {@code alreadyCommitted} is true when the same attempt had committed
 * before, i.e. this was a retry after a lost answer; the answer is then the first one's.
 */
public record CommitResult(long txnId, boolean alreadyCommitted) {}
