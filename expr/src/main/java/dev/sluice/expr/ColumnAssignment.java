package dev.sluice.expr;

import static java.util.Objects.requireNonNull;

import dev.sluice.storage.schema.TableColumn;
import java.util.Optional;

/**
 * How a load fills one table column.
 *
 * @param column the table column
 * @param kind where its values come from
 * @param source for {@link Kind#SOURCE}: the source field's name
 * @param expression for {@link Kind#EXPRESSION}: the expression as SQL text
 */
public record ColumnAssignment(
    TableColumn column, Kind kind, Optional<String> source, Optional<String> expression) {

  /** Where a column's values come from. */
  public enum Kind {
    /** The decoded source field, as it is. */
    SOURCE,
    /** A COLUMNS expression, converted to the column's type. */
    EXPRESSION,
    /** Nothing: the column is NULL (only allowed for nullable columns). */
    NULL
  }

  public ColumnAssignment {
    requireNonNull(column, "column is null");
    requireNonNull(kind, "kind is null");
    requireNonNull(source, "source is null");
    requireNonNull(expression, "expression is null");
  }
}
