package dev.sluice.expr;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.ZoneId;

/**
 * Job settings that change what expressions compute.
 *
 * @param timeZone the job's {@code timezone}: from_unixtime, unix_timestamp and now() use it
 * @param strictMode the job's {@code strict_mode}: a value that cannot be converted or computed (a
 *     bad date for str_to_date, a CAST that fails, an overflow) makes the row an error row in
 *     strict mode and becomes NULL otherwise
 * @param clock where now() reads the time (once per batch); tests fix it
 */
public record TransformOptions(ZoneId timeZone, boolean strictMode, Clock clock) {

  public TransformOptions {
    requireNonNull(timeZone, "timeZone is null");
    requireNonNull(clock, "clock is null");
  }

  public static TransformOptions of(ZoneId timeZone, boolean strictMode) {
    return new TransformOptions(timeZone, strictMode, Clock.systemUTC());
  }

  public TransformOptions withClock(Clock clock) {
    return new TransformOptions(timeZone, strictMode, clock);
  }
}
