package dev.sluice.storage.tablet;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Statistics of one column of a tablet. Min and max are bounds: no value of the column is below min
 * or above max. They are absent when every value is null (or NaN: NaN is left out of floating point
 * min and max, as Parquet does).
 *
 * <p>For every type but the strings they are the smallest and largest values. A string bound keeps
 * at most {@value StringBounds#LENGTH} code points, as Iceberg's do: min is then a prefix of the
 * smallest value, and max a string greater than the largest value (its prefix with the last code
 * point incremented), so neither need be a value of the column. Max is absent, with min present,
 * when no such string exists (a prefix of U+10FFFF only). This keeps the commit small whatever the
 * values' length.
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
    if (minText.isPresent() != min.isPresent() || maxText.isPresent() != max.isPresent()) {
      throw new IllegalArgumentException("min and max must each be present with their text");
    }
    if (max.isPresent() && min.isEmpty()) {
      throw new IllegalArgumentException("max is present without min");
    }
  }

  /** A column with no min and max. */
  public static ColumnStats withoutBounds(String name, long nullCount) {
    return new ColumnStats(
        name, nullCount, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Whether min is known (max may still be absent for long strings). */
  public boolean hasBounds() {
    return min.isPresent();
  }
}
