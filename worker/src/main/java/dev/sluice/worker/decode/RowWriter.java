package dev.sluice.worker.decode;

import org.apache.arrow.vector.FieldVector;

/**
 * Writes one row's values into a batch and applies the load's failure rules:
 *
 * <ol>
 *   <li>a value that cannot be converted makes the row an error row in strict mode and becomes NULL
 *       otherwise;
 *   <li>then, in both modes, NULL in a NOT NULL column makes the row an error row;
 *   <li>a value longer than its CHAR or VARCHAR column is an error row in both modes, as StarRocks
 *       rejects it rather than truncating.
 * </ol>
 *
 * Values are written straight into the vectors at the next row; a rejected row is rolled back, so
 * the next row overwrites it. The first failure of a row is its reason.
 */
final class RowWriter {

  private final String[] names;
  private final boolean[] nullable;
  private final ValueConverter[] converters;
  private final boolean strict;

  private SourceBatch batch;
  private int row;
  private String failure;

  RowWriter(SourceColumns columns, boolean strict) {
    int size = columns.size();
    this.names = new String[size];
    this.nullable = new boolean[size];
    this.converters = new ValueConverter[size];
    this.strict = strict;
    for (int i = 0; i < size; i++) {
      SourceColumn column = columns.column(i);
      names[i] = column.name();
      nullable[i] = column.nullable();
      if (column.needed()) {
        converters[i] = ValueConverter.forType(column.type());
      }
    }
  }

  /** Starts a row at the end of {@code batch}. */
  void start(SourceBatch batch) {
    this.batch = batch;
    this.row = batch.rowCount();
    this.failure = null;
  }

  /** Converts and writes the text of needed column {@code column}. */
  void value(int column, byte[] bytes, int offset, int length) {
    FieldVector vector = batch.vectorAt(column);
    ValueConverter converter = converters[column];
    int result = converter.write(vector, row, bytes, offset, length);
    if (result == ValueConverter.OK) {
      return;
    }
    vector.setNull(row);
    if (failure != null) {
      return;
    }
    if (result == ValueConverter.TOO_LONG) {
      failure = Reasons.tooLong(names[column], converter.type(), bytes, offset, length);
    } else if (strict) {
      failure = Reasons.cannotConvert(names[column], converter.type(), bytes, offset, length);
    } else if (!nullable[column]) {
      failure = Reasons.notNullAfterFailure(names[column], converter.type(), bytes, offset, length);
    }
  }

  /** Writes NULL into needed column {@code column}. */
  void nullValue(int column) {
    batch.vectorAt(column).setNull(row);
    if (failure == null && !nullable[column]) {
      failure = Reasons.notNull(names[column]);
    }
  }

  /** Marks the row as an error row for a reason found by the decoder, unless it already is. */
  void fail(String reason) {
    if (failure == null) {
      failure = reason;
    }
  }

  /** The reason the current row is an error row, or null while it is not. */
  String failure() {
    return failure;
  }

  /** Ends the row: appends it to the batch and returns true, or rolls it back and returns false. */
  boolean finish() {
    if (failure != null) {
      batch.rollback(row);
      return false;
    }
    batch.commitRow();
    return true;
  }
}
