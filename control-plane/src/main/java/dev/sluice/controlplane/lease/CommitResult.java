package dev.sluice.controlplane.lease;

/**
 * The answer to a commit. {@code alreadyCommitted} is true when the same attempt had committed
 * before, i.e. this was a retry after a lost answer; the answer is then the first one's. {@code
 * txnId} is 0 when the round read nothing and moved no offset: no transaction was recorded.
 */
public record CommitResult(long txnId, boolean alreadyCommitted) {}
