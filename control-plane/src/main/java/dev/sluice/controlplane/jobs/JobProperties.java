package dev.sluice.controlplane.jobs;

import static java.util.Objects.requireNonNull;

import dev.sluice.controlplane.error.ErrorCode;
import dev.sluice.controlplane.error.SluiceException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The PROPERTIES (...) of a routine load job, validated against Routine Load's ranges, with the
 * defaults filled in. Stored as a JSON object of these names, so the commit path can read its
 * limits in SQL.
 */
public record JobProperties(
    int desiredConcurrentNumber,
    int maxBatchInterval,
    long maxBatchRows,
    long maxBatchSize,
    long maxErrorNumber,
    double maxFilterRatio,
    boolean strictMode,
    String timezone,
    String format,
    String jsonpaths,
    String jsonRoot,
    boolean stripOuterArray,
    long logRejectedRecordNum,
    int taskConsumeSecond,
    int taskTimeoutSecond) {

  public static final String DESIRED_CONCURRENT_NUMBER = "desired_concurrent_number";
  public static final String MAX_BATCH_INTERVAL = "max_batch_interval";
  public static final String MAX_BATCH_ROWS = "max_batch_rows";
  public static final String MAX_BATCH_SIZE = "max_batch_size";
  public static final String MAX_ERROR_NUMBER = "max_error_number";
  public static final String MAX_FILTER_RATIO = "max_filter_ratio";
  public static final String STRICT_MODE = "strict_mode";
  public static final String TIMEZONE = "timezone";
  public static final String FORMAT = "format";
  public static final String JSONPATHS = "jsonpaths";
  public static final String JSON_ROOT = "json_root";
  public static final String STRIP_OUTER_ARRAY = "strip_outer_array";
  public static final String LOG_REJECTED_RECORD_NUM = "log_rejected_record_num";
  public static final String TASK_CONSUME_SECOND = "task_consume_second";
  public static final String TASK_TIMEOUT_SECOND = "task_timeout_second";

  private static final Set<String> NAMES =
      Set.of(
          DESIRED_CONCURRENT_NUMBER,
          MAX_BATCH_INTERVAL,
          MAX_BATCH_ROWS,
          MAX_BATCH_SIZE,
          MAX_ERROR_NUMBER,
          MAX_FILTER_RATIO,
          STRICT_MODE,
          TIMEZONE,
          FORMAT,
          JSONPATHS,
          JSON_ROOT,
          STRIP_OUTER_ARRAY,
          LOG_REJECTED_RECORD_NUM,
          TASK_CONSUME_SECOND,
          TASK_TIMEOUT_SECOND);

  private static final long MB = 1024L * 1024L;

  public JobProperties {
    requireNonNull(timezone, "timezone is null");
    requireNonNull(format, "format is null");
    requireNonNull(jsonpaths, "jsonpaths is null");
    requireNonNull(jsonRoot, "jsonRoot is null");
  }

  /** Routine Load's defaults; {@code defaultTimezone} is the service's configured zone. */
  public static JobProperties defaults(String defaultTimezone) {
    return new JobProperties(
        3, 10, 200_000, 100 * MB, 0, 1.0, false, defaultTimezone, "csv", "", "", false, 0, 15, 60);
  }

  /**
   * Validates user-given properties on top of {@code base} (the defaults, or the job's current).
   */
  public static JobProperties parse(Map<String, String> given, JobProperties base) {
    for (String name : given.keySet()) {
      if (!NAMES.contains(name)) {
        throw invalid("Unknown property '" + name + "'. Known properties: " + sorted(NAMES));
      }
    }
    PropertyReader read = new PropertyReader(given);
    JobProperties parsed =
        new JobProperties(
            read.intIn(DESIRED_CONCURRENT_NUMBER, base.desiredConcurrentNumber, 1, 1024),
            read.intIn(MAX_BATCH_INTERVAL, base.maxBatchInterval, 5, 60),
            read.longIn(MAX_BATCH_ROWS, base.maxBatchRows, 200_000, Long.MAX_VALUE),
            read.longIn(MAX_BATCH_SIZE, base.maxBatchSize, 100 * MB, 1024 * MB),
            read.longIn(MAX_ERROR_NUMBER, base.maxErrorNumber, 0, Long.MAX_VALUE),
            read.ratio(MAX_FILTER_RATIO, base.maxFilterRatio),
            read.bool(STRICT_MODE, base.strictMode),
            read.zone(TIMEZONE, base.timezone),
            read.oneOf(FORMAT, base.format, Set.of("csv", "json", "avro")),
            read.text(JSONPATHS, base.jsonpaths),
            read.text(JSON_ROOT, base.jsonRoot),
            read.bool(STRIP_OUTER_ARRAY, base.stripOuterArray),
            read.longIn(LOG_REJECTED_RECORD_NUM, base.logRejectedRecordNum, -1, Long.MAX_VALUE),
            read.intIn(TASK_CONSUME_SECOND, base.taskConsumeSecond, 1, 3600),
            read.intIn(TASK_TIMEOUT_SECOND, base.taskTimeoutSecond, 1, 86_400));
    if (parsed.taskTimeoutSecond <= parsed.taskConsumeSecond) {
      throw invalid(
          "task_timeout_second ("
              + parsed.taskTimeoutSecond
              + ") must be greater than task_consume_second ("
              + parsed.taskConsumeSecond
              + ")");
    }
    return parsed;
  }

  /** The stored form: property name to value text. */
  public Map<String, String> toMap() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put(DESIRED_CONCURRENT_NUMBER, Integer.toString(desiredConcurrentNumber));
    map.put(MAX_BATCH_INTERVAL, Integer.toString(maxBatchInterval));
    map.put(MAX_BATCH_ROWS, Long.toString(maxBatchRows));
    map.put(MAX_BATCH_SIZE, Long.toString(maxBatchSize));
    map.put(MAX_ERROR_NUMBER, Long.toString(maxErrorNumber));
    map.put(MAX_FILTER_RATIO, Double.toString(maxFilterRatio));
    map.put(STRICT_MODE, Boolean.toString(strictMode));
    map.put(TIMEZONE, timezone);
    map.put(FORMAT, format);
    map.put(JSONPATHS, jsonpaths);
    map.put(JSON_ROOT, jsonRoot);
    map.put(STRIP_OUTER_ARRAY, Boolean.toString(stripOuterArray));
    map.put(LOG_REJECTED_RECORD_NUM, Long.toString(logRejectedRecordNum));
    map.put(TASK_CONSUME_SECOND, Integer.toString(taskConsumeSecond));
    map.put(TASK_TIMEOUT_SECOND, Integer.toString(taskTimeoutSecond));
    return map;
  }

  /** Reads back what {@link #toMap()} stored. */
  public static JobProperties fromMap(Map<String, String> stored) {
    return parse(stored, defaults("Etc/UTC"));
  }

  private static String sorted(Set<String> names) {
    return String.join(", ", new java.util.TreeSet<>(names));
  }

  static SluiceException invalid(String message) {
    return new SluiceException(ErrorCode.INVALID_ARGUMENT, message);
  }

  /** Typed access to string properties, each failure naming the property and its range. */
  private record PropertyReader(Map<String, String> given) {
    int intIn(String name, int fallback, int min, int max) {
      return (int) longIn(name, fallback, min, max);
    }

    long longIn(String name, long fallback, long min, long max) {
      String text = given.get(name);
      if (text == null) {
        return fallback;
      }
      long value;
      try {
        value = Long.parseLong(text.trim());
      } catch (NumberFormatException e) {
        throw invalid(name + " must be a whole number, got '" + text + "'");
      }
      if (value < min || value > max) {
        throw invalid(
            name
                + " must be "
                + (max == Long.MAX_VALUE ? "at least " + min : "between " + min + " and " + max)
                + ", got "
                + value);
      }
      return value;
    }

    double ratio(String name, double fallback) {
      String text = given.get(name);
      if (text == null) {
        return fallback;
      }
      double value;
      try {
        value = Double.parseDouble(text.trim());
      } catch (NumberFormatException e) {
        throw invalid(name + " must be a number between 0 and 1, got '" + text + "'");
      }
      if (!(value >= 0 && value <= 1)) {
        throw invalid(name + " must be between 0 and 1, got " + text);
      }
      return value;
    }

    boolean bool(String name, boolean fallback) {
      String text = given.get(name);
      if (text == null) {
        return fallback;
      }
      return switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw invalid(name + " must be true or false, got '" + text + "'");
      };
    }

    String zone(String name, String fallback) {
      String text = given.get(name);
      if (text == null) {
        return fallback;
      }
      try {
        return ZoneId.of(text.trim()).getId();
      } catch (DateTimeException e) {
        throw invalid(name + ": unknown time zone '" + text + "'");
      }
    }

    String oneOf(String name, String fallback, Set<String> allowed) {
      String text = given.get(name);
      if (text == null) {
        return fallback;
      }
      String value = text.trim().toLowerCase(Locale.ROOT);
      if (!allowed.contains(value)) {
        throw invalid(name + " must be one of " + sorted(allowed) + ", got '" + text + "'");
      }
      return value;
    }

    String text(String name, String fallback) {
      String text = given.get(name);
      return text == null ? fallback : text;
    }
  }
}
