package dev.sluice.expr;

import java.util.Arrays;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The outcome of one batch, valid until the evaluator's next {@code evaluate} or {@code close}:
 *
 * <ul>
 *   <li>{@link #table()}: one vector per table column, in table order, named exactly as the columns
 *       and of their Arrow types; plain mappings are the source vectors themselves. Do not close
 *       it: the vectors belong to the evaluator or to the caller.
 *   <li>{@link #selectedRows()}: the rows to load (WHERE is TRUE and nothing failed), ascending,
 *       ready for {@code TabletWriter.write(batch, rows, count)}.
 *   <li>error rows: rows whose WHERE or a column could not be computed, or that put NULL into a NOT
 *       NULL column, each with a reason such as {@code column 'pay_dt': str_to_date('2020-13-45',
 *       '%Y-%m-%d') failed}; they count as errorRows.
 *   <li>{@link #unselectedCount()}: rows WHERE dropped (FALSE or NULL); not errors, they count as
 *       unselectedRows.
 * </ul>
 *
 * Every row of the batch is exactly one of selected, error or unselected.
 */
public final class TransformResult {

  private VectorSchemaRoot table;
  private int rowCount;
  private int[] selected = new int[0];
  private int selectedCount;
  private int[] errorRows = new int[0];
  private String[] errorReasons = new String[0];
  private int errorCount;
  private int unselectedCount;

  TransformResult() {}

  void start(VectorSchemaRoot table, int rowCount) {
    this.table = table;
    this.rowCount = rowCount;
    if (selected.length < rowCount) {
      selected = new int[rowCount];
    }
    selectedCount = 0;
    Arrays.fill(errorReasons, 0, errorCount, null);
    errorCount = 0;
    unselectedCount = 0;
  }

  void select(int row) {
    selected[selectedCount++] = row;
  }

  void error(int row, String reason) {
    if (errorCount == errorRows.length) {
      int capacity = Math.max(16, errorRows.length * 2);
      errorRows = Arrays.copyOf(errorRows, capacity);
      errorReasons = Arrays.copyOf(errorReasons, capacity);
    }
    errorRows[errorCount] = row;
    errorReasons[errorCount] = reason;
    errorCount++;
  }

  void unselected(int count) {
    unselectedCount += count;
  }

  public VectorSchemaRoot table() {
    return table;
  }

  public int rowCount() {
    return rowCount;
  }

  /** Rows to load in {@code [0, selectedCount())}; the array may be longer. Do not modify it. */
  public int[] selectedRows() {
    return selected;
  }

  public int selectedCount() {
    return selectedCount;
  }

  public int errorCount() {
    return errorCount;
  }

  /** The row of the i-th error, ascending. */
  public int errorRow(int i) {
    checkError(i);
    return errorRows[i];
  }

  /** Why the i-th error row was rejected. */
  public String errorReason(int i) {
    checkError(i);
    return errorReasons[i];
  }

  public int unselectedCount() {
    return unselectedCount;
  }

  private void checkError(int i) {
    if (i < 0 || i >= errorCount) {
      throw new IndexOutOfBoundsException("error " + i + " of " + errorCount);
    }
  }
}
