package dev.sluice.expr.plan;

import dev.sluice.expr.vector.ConstantKernel;
import dev.sluice.expr.vector.VectorExpression;
import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TypeKind;
import java.util.List;

/**
 * A literal, or a value folded from literals by the analyzer. Values are represented as {@link
 * ConstantKernel} documents; null is SQL NULL. An untyped NULL (the literal {@code NULL}, typed
 * BOOLEAN as in StarRocks until something gives it a type) converts to any type.
 */
public final class ConstantPlan extends Plan {

  private final Object value;
  private final boolean untypedNull;

  private ConstantPlan(ColumnType type, Object value, boolean untypedNull, String sql) {
    super(type, sql);
    this.value = value;
    this.untypedNull = untypedNull;
  }

  public static ConstantPlan of(ColumnType type, Object value, String sql) {
    return new ConstantPlan(type, value, false, sql);
  }

  /** The literal NULL, before its type is known. */
  public static ConstantPlan untypedNull(String sql) {
    return new ConstantPlan(ColumnType.of(TypeKind.BOOLEAN), null, true, sql);
  }

  public static ConstantPlan nullOf(ColumnType type, String sql) {
    return new ConstantPlan(type, null, false, sql);
  }

  /** The value, or null for NULL. */
  public Object value() {
    return value;
  }

  public boolean isNull() {
    return value == null;
  }

  public boolean isUntypedNull() {
    return untypedNull;
  }

  @Override
  public List<Plan> children() {
    return List.of();
  }

  @Override
  public boolean isConstant() {
    return true;
  }

  @Override
  protected VectorExpression instantiate(
      Instantiation instantiation, List<VectorExpression> children) {
    return new ConstantKernel(type(), value, instantiation.allocator());
  }
}
