package dev.sluice.storage.tablet;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Statistics of one column of a tablet. Min and max are absent when every value is null (or NaN:
 * NaN is left out of floating point min and max, as Parquet does).
 *
 * <p>The typed values are, by column type: BOOLEAN {@link Boolean}; TINYINT, SMALLINT, INT {@link
 * Integer}; BIGINT {@link Long}; LARGEINT {@link java.math.BigInteger}; FLOAT {@link Float}; DOUBLE
 * {@link Double}; DECIMAL {@link java.math.BigDecimal} with the column's scale; DATE {@link
 * java.time.LocalDate}; DATETIME {@link java.time.LocalDateTime}; CHAR, VARCHAR, STRING {@link
 * String} (compared as UTF-8 bytes, unsigned). The texts are StarRocks literals: {@code
 * 2024-05-01}, {@code 2024-05-01 13:45:00.250000}, {@code 12.50}, {@code true}.
 */
public record ColumnStats(
    String name,
    long nullCount,
    Optional<Object> min,
    Optional<Object> max,
    Optional<String> minText,
    Optional<String> maxText) {

  public ColumnStats {
    requireNonNull(name, "name is null");
    requireNonNull(min, "min is null");
    requireNonNull(max, "max is null");
    requireNonNull(minText, "minText is null");
    requireNonNull(maxText, "maxText is null");
    if (nullCount < 0) {
      throw new IllegalArgumentException("nullCount is negative: " + nullCount);
    }
    boolean present = min.isPresent();
    if (max.isPresent() != present
        || minText.isPresent() != present
        || maxText.isPresent() != present) {
      throw new IllegalArgumentException("min, max and their texts must be all present or absent");
    }
  }

  /** A column with no min and max. */
  public static ColumnStats withoutBounds(String name, long nullCount) {
    return new ColumnStats(
        name, nullCount, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public boolean hasBounds() {
    return min.isPresent();
  }
}
