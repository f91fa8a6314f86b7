package dev.sluice.storage.tablet;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What the manifest needs to know about a written tablet.
 *
 * @param rowCount rows in the file
 * @param sizeBytes bytes written, which is the object's size once the upload is committed
 * @param rowGroupCount Parquet row groups in the file
 * @param columns statistics per column, in table schema order
 */
public record TabletFile(
    long rowCount, long sizeBytes, int rowGroupCount, List<ColumnStats> columns) {

  public TabletFile {
    requireNonNull(columns, "columns is null");
    columns = List.copyOf(columns);
    if (rowCount < 0) {
      throw new IllegalArgumentException("rowCount is negative: " + rowCount);
    }
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("sizeBytes is negative: " + sizeBytes);
    }
    if (rowGroupCount < 0) {
      throw new IllegalArgumentException("rowGroupCount is negative: " + rowGroupCount);
    }
  }

  /** The statistics of the column named {@code name} (exact spelling). */
  public ColumnStats column(String name) {
    requireNonNull(name, "name is null");
    for (ColumnStats column : columns) {
      if (column.name().equals(name)) {
        return column;
      }
    }
    throw new IllegalArgumentException("no column " + name + " in " + columns);
  }
}
