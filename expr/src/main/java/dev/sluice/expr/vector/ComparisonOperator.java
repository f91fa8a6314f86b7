package dev.sluice.expr.vector;

/**
 * Comparison operators as a mask of the outcomes they accept: bit 0 "less", bit 1 "equal", bit 2
 * "greater", so a row's result is one shift of the mask by the comparison's sign, without a branch.
 */
public enum ComparisonOperator {
  EQUAL(0b010),
  NOT_EQUAL(0b101),
  LESS_THAN(0b001),
  LESS_THAN_OR_EQUAL(0b011),
  GREATER_THAN(0b100),
  GREATER_THAN_OR_EQUAL(0b110),
  /** {@code <=>}: equal, and NULL equals NULL; never NULL itself. */
  NULL_SAFE_EQUAL(0b010);

  private final int mask;

  ComparisonOperator(int mask) {
    this.mask = mask;
  }

  /** Whether a comparison with sign {@code cmp} (-1, 0, 1) satisfies the operator. */
  public boolean test(int cmp) {
    return ((mask >> (cmp + 1)) & 1) != 0;
  }
}
