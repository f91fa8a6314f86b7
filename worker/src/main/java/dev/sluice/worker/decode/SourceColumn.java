package dev.sluice.worker.decode;

import static java.util.Objects.requireNonNull;

import dev.sluice.storage.schema.ColumnType;
import java.util.Optional;

/**
 * One field of a source record, as decoded.
 *
 * @param name the name in the job's {@code COLUMNS} list (or the table column's name without one)
 * @param type the type the text is converted to: the table column's type, or STRING for a
 *     placeholder, which only expressions read
 * @param nullable false only when the field feeds a NOT NULL table column
 * @param needed false for a field nothing reads; its text is skipped without converting it
 * @param tableColumn the name of the table column the field feeds, empty for a placeholder
 */
public record SourceColumn(
    String name, ColumnType type, boolean nullable, boolean needed, Optional<String> tableColumn) {

  public SourceColumn {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(tableColumn, "tableColumn is null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("source column name is blank");
    }
    if (!nullable && tableColumn.isEmpty()) {
      throw new IllegalArgumentException(
          "placeholder column '" + name + "' cannot be NOT NULL: it feeds no table column");
    }
  }

  /** True when the field feeds no table column directly and exists for expressions. */
  public boolean isPlaceholder() {
    return tableColumn.isEmpty();
  }
}
