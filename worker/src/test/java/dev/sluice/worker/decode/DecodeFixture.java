package dev.sluice.worker.decode;

import dev.sluice.storage.schema.TableColumn;
import dev.sluice.storage.schema.TableSchema;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/** Helpers shared by the decoder tests. */
final class DecodeFixture {

  private DecodeFixture() {}

  /**
   * A table from definitions such as {@code "order_id BIGINT NOT NULL"} or {@code "name STRING"}.
   */
  static TableSchema table(String... definitions) {
    List<TableColumn> columns = new ArrayList<>();
    for (String definition : definitions) {
      String text = definition.strip();
      boolean notNull = text.endsWith(" NOT NULL");
      if (notNull) {
        text = text.substring(0, text.length() - " NOT NULL".length());
      }
      int space = text.indexOf(' ');
      columns.add(TableColumn.of(text.substring(0, space), text.substring(space + 1), !notNull));
    }
    return new TableSchema(columns);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A vector's value as a plain Java value: strings, LocalDate for DATE, else Arrow's object. */
  static Object valueAt(FieldVector vector, int row) {
    if (vector.isNull(row)) {
      return null;
    }
    if (vector instanceof VarCharVector strings) {
      return new String(strings.get(row), StandardCharsets.UTF_8);
    }
    if (vector instanceof DateDayVector dates) {
      return LocalDate.ofEpochDay(dates.get(row));
    }
    return vector.getObject(row);
  }

  /** The values of every row of a finished batch's column. */
  static List<Object> column(SourceBatch batch, String name) {
    FieldVector vector = batch.vector(name);
    List<Object> values = new ArrayList<>();
    for (int row = 0; row < batch.rowCount(); row++) {
      values.add(valueAt(vector, row));
    }
    return values;
  }

  /** A sink that keeps what it is given. */
  static final class Rejects implements RejectSink {
    final List<String> reasons = new ArrayList<>();
    final List<byte[]> values = new ArrayList<>();

    @Override
    public void reject(String reason, byte[] value) {
      reasons.add(reason);
      values.add(value);
    }

    int count() {
      return reasons.size();
    }

    String last() {
      return reasons.get(reasons.size() - 1);
    }
  }
}
