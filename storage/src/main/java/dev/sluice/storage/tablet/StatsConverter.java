package dev.sluice.storage.tablet;

import dev.sluice.storage.schema.ColumnType;
import dev.sluice.storage.schema.TableColumn;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType;

/** Column statistics of a finished file, merged over its row groups, as manifest values. */
final class StatsConverter {

  private static final long MICROS_PER_SECOND = 1_000_000L;

  private StatsConverter() {}

  static ColumnStats convert(
      TableColumn column, PrimitiveType parquetType, int index, List<BlockMetaData> blocks) {
    Statistics<?> merged = Statistics.createStats(parquetType);
    long nulls = 0;
    for (BlockMetaData block : blocks) {
      Statistics<?> chunk = block.getColumns().get(index).getStatistics();
      nulls += chunk.getNumNulls();
      if (chunk.hasNonNullValue()) {
        merged.mergeStatistics(chunk);
      }
    }
    if (!merged.hasNonNullValue()) {
      return ColumnStats.withoutBounds(column.name(), nulls);
    }
    Object min = typed(column.type(), merged.genericGetMin());
    Object max = typed(column.type(), merged.genericGetMax());
    if (isNaN(min) || isNaN(max)) {
      // NaN bounds would make every range comparison false; better no bounds at all.
      return ColumnStats.withoutBounds(column.name(), nulls);
    }
    if (min instanceof String smallest) {
      String lower = StringBounds.lower(smallest, StringBounds.LENGTH);
      Optional<String> upper = StringBounds.upper((String) max, StringBounds.LENGTH);
      return new ColumnStats(
          column.name(),
          nulls,
          Optional.of(lower),
          upper.map(Object.class::cast),
          Optional.of(lower),
          upper);
    }
    return new ColumnStats(
        column.name(),
        nulls,
        Optional.of(min),
        Optional.of(max),
        Optional.of(text(column.type(), min)),
        Optional.of(text(column.type(), max)));
  }

  private static boolean isNaN(Object value) {
    return (value instanceof Float f && f.isNaN()) || (value instanceof Double d && d.isNaN());
  }

  /** Parquet's physical value as the Java value the column type promises in {@link ColumnStats}. */
  static Object typed(ColumnType type, Object parquetValue) {
    return switch (type.kind()) {
      case BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE -> parquetValue;
      case LARGEINT -> new BigInteger(((Binary) parquetValue).getBytes());
      case DECIMAL -> decimal(parquetValue, type.scale());
      case DATE -> LocalDate.ofEpochDay((Integer) parquetValue);
      case DATETIME -> dateTime((Long) parquetValue);
      case CHAR, VARCHAR, STRING -> ((Binary) parquetValue).toStringUsingUTF8();
    };
  }

  static String text(ColumnType type, Object value) {
    return switch (type.kind()) {
      case BOOLEAN,
              TINYINT,
              SMALLINT,
              INT,
              BIGINT,
              LARGEINT,
              FLOAT,
              DOUBLE,
              CHAR,
              VARCHAR,
              STRING ->
          value.toString();
      case DECIMAL -> ((BigDecimal) value).toPlainString();
      case DATE -> value.toString();
      case DATETIME -> dateTimeText((LocalDateTime) value);
    };
  }

  private static BigDecimal decimal(Object unscaled, int scale) {
    if (unscaled instanceof Integer i) {
      return BigDecimal.valueOf(i, scale);
    }
    if (unscaled instanceof Long l) {
      return BigDecimal.valueOf(l, scale);
    }
    return new BigDecimal(new BigInteger(((Binary) unscaled).getBytes()), scale);
  }

  private static LocalDateTime dateTime(long micros) {
    long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
    int nanos = (int) Math.floorMod(micros, MICROS_PER_SECOND) * 1000;
    return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
  }

  /** {@code yyyy-MM-dd HH:mm:ss}, plus six fraction digits when there is a fraction. */
  private static String dateTimeText(LocalDateTime value) {
    StringBuilder text = new StringBuilder(26);
    text.append(value.toLocalDate()).append(' ');
    appendTwoDigits(text, value.getHour()).append(':');
    appendTwoDigits(text, value.getMinute()).append(':');
    appendTwoDigits(text, value.getSecond());
    int micros = value.getNano() / 1000;
    if (micros != 0) {
      String digits = Integer.toString(micros);
      text.append('.').append("000000", 0, 6 - digits.length()).append(digits);
    }
    return text.toString();
  }

  private static StringBuilder appendTwoDigits(StringBuilder text, int value) {
    if (value < 10) {
      text.append('0');
    }
    return text.append(value);
  }
}
