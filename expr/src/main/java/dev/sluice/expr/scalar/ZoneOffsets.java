package dev.sluice.expr.scalar;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Converts between epoch seconds and the wall clock of a time zone without objects per row: the
 * offset of the last looked-up interval between two transitions is cached, so a batch of nearby
 * timestamps costs one {@link ZoneRules} lookup. Wall-clock times in a DST gap or overlap resolve
 * as {@link ZonedDateTime#of} does (a gap shifts forward, an overlap takes the earlier offset). One
 * instance per kernel; not thread-safe.
 */
public final class ZoneOffsets {

  // Offsets are under 18 hours, so a wall-clock time more than a day from the cached interval's
  // edges cannot be affected by the transitions at those edges.
  private static final long SAFE_MARGIN_SECONDS = Dates.SECONDS_PER_DAY;

  private final ZoneId zone;
  private final ZoneRules rules;
  private final boolean fixed;
  private final int fixedOffset;

  private long cachedFrom = Long.MAX_VALUE;
  private long cachedUntil = Long.MIN_VALUE;
  private int cachedOffset;

  public ZoneOffsets(ZoneId zone) {
    this.zone = requireNonNull(zone, "zone is null");
    this.rules = zone.getRules();
    this.fixed = rules.isFixedOffset();
    this.fixedOffset = fixed ? rules.getOffset(Instant.EPOCH).getTotalSeconds() : 0;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The zone's offset from UTC in seconds at the instant {@code epochSecond}. */
  public int offsetAt(long epochSecond) {
    if (fixed) {
      return fixedOffset;
    }
    if (epochSecond >= cachedFrom && epochSecond < cachedUntil) {
      return cachedOffset;
    }
    Instant instant = Instant.ofEpochSecond(epochSecond);
    cachedOffset = rules.getOffset(instant).getTotalSeconds();
    ZoneOffsetTransition previous = rules.previousTransition(instant.plusSeconds(1));
    ZoneOffsetTransition next = rules.nextTransition(instant);
    cachedFrom = previous == null ? Long.MIN_VALUE : previous.toEpochSecond();
    cachedUntil = next == null ? Long.MAX_VALUE : next.toEpochSecond();
    return cachedOffset;
  }

  /** Wall-clock seconds (since 1970-01-01 00:00:00 local) of the instant {@code epochSecond}. */
  public long toLocal(long epochSecond) {
    return epochSecond + offsetAt(epochSecond);
  }

  /** The instant of wall-clock time {@code localSecond}. */
  public long toEpochSecond(long localSecond) {
    if (fixed) {
      return localSecond - fixedOffset;
    }
    long guess = localSecond - offsetAt(localSecond);
    int offset = offsetAt(guess);
    if (cachedFrom + SAFE_MARGIN_SECONDS < guess && guess < cachedUntil - SAFE_MARGIN_SECONDS) {
      return localSecond - offset;
    }
    // Near a transition: let java.time resolve gaps and overlaps.
    LocalDateTime local = LocalDateTime.ofEpochSecond(localSecond, 0, ZoneOffset.UTC);
    return ZonedDateTime.of(local, zone).toEpochSecond();
  }
}
