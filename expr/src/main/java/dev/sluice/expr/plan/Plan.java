package dev.sluice.expr.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.expr.vector.VectorExpression;
import dev.sluice.storage.schema.ColumnType;
import java.util.List;

/**
 * A type-checked expression. The type is a {@link ColumnType}: computations use the wide types
 * (BOOLEAN, BIGINT, DOUBLE, DECIMAL, DATE, DATETIME and VARCHAR for all strings); the narrow ones
 * (TINYINT, SMALLINT, INT, FLOAT, LARGEINT, CHAR, VARCHAR(n), STRING) only appear on columns read
 * as they are and on values converted for storage.
 *
 * <p>A plan object may appear several times in a tree (the value of BETWEEN, a derived column read
 * by WHERE); it is then evaluated once per batch.
 */
public abstract class Plan {

  private final ColumnType type;
  private final String sql;

  protected Plan(ColumnType type, String sql) {
    this.type = requireNonNull(type, "type is null");
    this.sql = requireNonNull(sql, "sql is null");
  }

  public final ColumnType type() {
    return type;
  }

  /** The SQL text the plan came from, for failure reasons. */
  public final String sql() {
    return sql;
  }

  public abstract List<Plan> children();

  /**
   * True when the value depends on literals only, so one evaluation serves every row and batch.
   * {@code now()} is not constant: it is read per batch.
   */
  public boolean isConstant() {
    for (Plan child : children()) {
      if (!child.isConstant()) {
        return false;
      }
    }
    return true;
  }

  /** Creates this node's kernel over its children's kernels. */
  protected abstract VectorExpression instantiate(
      Instantiation instantiation, List<VectorExpression> children);

  @Override
  public String toString() {
    return sql + " : " + type;
  }
}
