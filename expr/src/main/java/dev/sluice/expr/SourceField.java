package dev.sluice.expr;

import static java.util.Objects.requireNonNull;

import dev.sluice.storage.schema.ColumnType;
import java.util.Optional;

/**
 * One field of a source record, in COLUMNS order: what the worker decodes and passes to {@link
 * TransformEvaluator#evaluate}.
 *
 * @param name the name in COLUMNS (the table column's name when there is no COLUMNS list)
 * @param type what the field is decoded as: the table column's type when the name is a table
 *     column, else STRING (a placeholder)
 * @param nullable false only for a field that feeds a NOT NULL column
 * @param tableColumn the table column it feeds directly, exactly as the table spells it; empty for
 *     a placeholder
 * @param needed whether anything reads it: a field feeding a column always is, a placeholder only
 *     when an expression reads it (unneeded fields need not be decoded or passed)
 */
public record SourceField(
    String name, ColumnType type, boolean nullable, Optional<String> tableColumn, boolean needed) {

  public SourceField {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(tableColumn, "tableColumn is null");
  }

  public boolean isPlaceholder() {
    return tableColumn.isEmpty();
  }
}
