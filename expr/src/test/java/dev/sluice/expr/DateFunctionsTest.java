package dev.sluice.expr;

import static dev.sluice.expr.ExpressionHarness.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class DateFunctionsTest {

  private static LocalDateTime at(String text) {
    return LocalDateTime.parse(text);
  }

  @Test
  void fromUnixtimeDefaultFormatInTheJobTimeZone() {
    ExpressionHarness epoch = rows().with("i", 0L, 1589191487L, -1L, null, 253402300800L);
    assertThat(epoch.zone("UTC").eval("from_unixtime(i)"))
        .containsExactly("1970-01-01 00:00:00", "2020-05-11 10:04:47", null, null, null);
    assertThat(epoch.zone("Asia/Shanghai").eval("from_unixtime(i)"))
        .containsExactly("1970-01-01 08:00:00", "2020-05-11 18:04:47", null, null, null);
  }

  @Test
  void fromUnixtimeAcrossADaylightSavingChange() {
    // New York moved from EST (-5) to EDT (-4) at 2024-03-10 07:00 UTC.
    ExpressionHarness around =
        rows().with("i", 1710053999L, 1710054000L, 1710054001L).zone("America/New_York");
    assertThat(around.eval("from_unixtime(i)"))
        .containsExactly("2024-03-10 01:59:59", "2024-03-10 03:00:00", "2024-03-10 03:00:01");
    // ... and back at 2024-11-03 06:00 UTC: 01:xx happens twice.
    ExpressionHarness autumn = rows().with("i", 1730613599L, 1730613600L).zone("America/New_York");
    assertThat(autumn.eval("from_unixtime(i, '%H:%i:%s')")).containsExactly("01:59:59", "01:00:00");
    assertThat(around.zone("UTC").eval("from_unixtime(i, '%H:%i')"))
        .containsExactly("06:59", "07:00", "07:00");
  }

  @Test
  void fromUnixtimeFormats() {
    ExpressionHarness epoch = rows().with("i", 1589191487L).zone("Asia/Shanghai");
    assertThat(epoch.eval("from_unixtime(i, '%Y%m%d')")).containsExactly("20200511");
    assertThat(epoch.eval("from_unixtime(i, '%y/%c/%e %k %h %l %p %%')"))
        .containsExactly("20/5/11 18 06 6 PM %");
    assertThat(epoch.eval("from_unixtime(i, '%M %b %W %a %j %D %w')"))
        .containsExactly("May May Monday Mon 132 11th 1");
    assertThat(epoch.eval("from_unixtime(i, '%T|%r|%f|%S|%x')"))
        .containsExactly("18:04:47|06:04:47 PM|000000|47|x");
    assertThat(epoch.eval("from_unixtime('1589191487', '%Y')")).containsExactly("2020");
  }

  @Test
  void unixTimestampIsTheInverseInTheJobTimeZone() {
    ExpressionHarness times =
        rows().with("ts", at("2020-05-11T18:04:47"), at("1960-01-01T00:00"), null);
    assertThat(times.zone("Asia/Shanghai").eval("unix_timestamp(ts)"))
        .containsExactly(1589191487L, 0L, null);
    assertThat(times.zone("UTC").eval("unix_timestamp(ts)")).containsExactly(1589220287L, 0L, null);
    assertThat(
            rows().with("s", "2020-05-11 18:04:47").zone("Asia/Shanghai").eval("unix_timestamp(s)"))
        .containsExactly(1589191487L);
    assertThat(rows().with("s", "11/05/2020").zone("UTC").eval("unix_timestamp(s, '%d/%m/%Y')"))
        .containsExactly(1589155200L);
  }

  @Test
  void unixTimestampInADaylightSavingGapAndOverlap() {
    ExpressionHarness local =
        rows()
            .with(
                "ts",
                at("2024-03-10T02:30"), // does not exist in New York: shifted forward
                at("2024-11-03T01:30"), // exists twice: the earlier (EDT) instant
                at("2024-07-01T12:00"))
            .zone("America/New_York");
    assertThat(local.eval("unix_timestamp(ts)"))
        .containsExactly(1710055800L, 1730611800L, 1719849600L);
  }

  @Test
  void unixTimestampWithoutArgumentsAndNowReadTheClockOncePerBatch() {
    ExpressionHarness any = rows().with("i", 1L, 2L).zone("Asia/Shanghai");
    assertThat(any.eval("unix_timestamp()")).containsExactly(1710074096L, 1710074096L);
    assertThat(any.eval("now()"))
        .containsExactly(at("2024-03-10T20:34:56.789"), at("2024-03-10T20:34:56.789"));
    assertThat(any.eval("current_timestamp()"))
        .containsExactly(at("2024-03-10T20:34:56.789"), at("2024-03-10T20:34:56.789"));
    assertThat(any.eval("curdate()"))
        .containsExactly(LocalDate.of(2024, 3, 10), LocalDate.of(2024, 3, 10));
    assertThat(any.zone("America/Los_Angeles").eval("current_date()"))
        .containsExactly(LocalDate.of(2024, 3, 10), LocalDate.of(2024, 3, 10));
  }

  @Test
  void strToDateParsesWithAFormat() {
    ExpressionHarness text =
        rows().with("s", "2020-05-11", "20200511", "2020-5-1", "May 11 2020 6:04:47 PM", null);
    assertThat(text.eval("str_to_date(s, '%Y-%m-%d')").subList(0, 1))
        .containsExactly(at("2020-05-11T00:00"));
    assertThat(text.eval("str_to_date(s, '%Y%m%d')").get(1)).isEqualTo(at("2020-05-11T00:00"));
    assertThat(text.strict(false).eval("str_to_date(s, '%Y-%m-%d')").get(2))
        .isEqualTo(at("2020-05-01T00:00"));
    assertThat(text.strict(false).eval("str_to_date(s, '%b %d %Y %h:%i:%s %p')").get(3))
        .isEqualTo(at("2020-05-11T18:04:47"));
    assertThat(
            rows()
                .with("s", "2020-05-11 10:04:47.123")
                .eval("str_to_date(s, '%Y-%m-%d %H:%i:%s.%f')"))
        .containsExactly(at("2020-05-11T10:04:47.123"));
    assertThat(rows().with("s", "12:00:00 AM 2020-001").eval("str_to_date(s, '%r %Y-%j')"))
        .containsExactly(at("2020-01-01T00:00"));
    assertThat(rows().with("s", " 2020-05-11 ").eval("str2date(s, '%Y-%m-%d')"))
        .containsExactly(LocalDate.of(2020, 5, 11));
  }

  @Test
  void dateFormatAndToDate() {
    ExpressionHarness times = rows().with("ts", at("2024-01-05T07:08:09.000123"), null);
    assertThat(times.eval("date_format(ts, '%Y-%m-%d %H:%i:%s.%f')"))
        .containsExactly("2024-01-05 07:08:09.000123", null);
    assertThat(times.eval("to_date(ts)")).containsExactly(LocalDate.of(2024, 1, 5), null);
    assertThat(rows().with("dt", LocalDate.of(2024, 2, 29)).eval("date_format(dt, '%W %e %M')"))
        .containsExactly("Thursday 29 February");
    assertThat(rows().with("s", "2024-02-29 10:00:00").eval("to_date(s)"))
        .containsExactly(LocalDate.of(2024, 2, 29));
  }

  @Test
  void dateTruncToEveryUnit() {
    ExpressionHarness time = rows().with("ts", at("2024-08-15T13:45:56.789"), null);
    assertThat(time.eval("date_trunc('year', ts)")).containsExactly(at("2024-01-01T00:00"), null);
    assertThat(time.eval("date_trunc('quarter', ts)"))
        .containsExactly(at("2024-07-01T00:00"), null);
    assertThat(time.eval("date_trunc('month', ts)")).containsExactly(at("2024-08-01T00:00"), null);
    // 2024-08-15 is a Thursday; weeks start on Monday.
    assertThat(time.eval("date_trunc('week', ts)")).containsExactly(at("2024-08-12T00:00"), null);
    assertThat(time.eval("date_trunc('day', ts)")).containsExactly(at("2024-08-15T00:00"), null);
    assertThat(time.eval("date_trunc('hour', ts)")).containsExactly(at("2024-08-15T13:00"), null);
    assertThat(time.eval("date_trunc('MINUTE', ts)")).containsExactly(at("2024-08-15T13:45"), null);
    assertThat(time.eval("date_trunc('second', ts)"))
        .containsExactly(at("2024-08-15T13:45:56"), null);
    assertThat(rows().with("dt", LocalDate.of(2024, 8, 15)).eval("date_trunc('month', dt)"))
        .containsExactly(LocalDate.of(2024, 8, 1));
    assertThat(rows().with("ts", at("1969-12-31T23:59:59.5")).eval("date_trunc('second', ts)"))
        .containsExactly(at("1969-12-31T23:59:59"));
  }

  @Test
  void extractFields() {
    ExpressionHarness time = rows().with("ts", at("2024-08-15T13:45:56"), null);
    assertThat(time.eval("year(ts)")).containsExactly(2024L, null);
    assertThat(time.eval("quarter(ts)")).containsExactly(3L, null);
    assertThat(time.eval("month(ts)")).containsExactly(8L, null);
    assertThat(time.eval("day(ts)")).containsExactly(15L, null);
    assertThat(time.eval("dayofmonth(ts)")).containsExactly(15L, null);
    assertThat(time.eval("hour(ts)")).containsExactly(13L, null);
    assertThat(time.eval("minute(ts)")).containsExactly(45L, null);
    assertThat(time.eval("second(ts)")).containsExactly(56L, null);
    assertThat(time.eval("dayofweek(ts)")).containsExactly(5L, null);
    assertThat(time.eval("dayofyear(ts)")).containsExactly(228L, null);
    assertThat(
            rows()
                .with("dt", LocalDate.of(2000, 2, 29))
                .eval("year(dt) * 10000 + month(dt) * 100 + day(dt)"))
        .containsExactly(20000229L);
    assertThat(rows().with("dt", LocalDate.of(2000, 2, 29)).eval("hour(dt)")).containsExactly(0L);
    assertThat(rows().with("s", "2001-02-03 04:05:06").eval("minute(s)")).containsExactly(5L);
  }

  @Test
  void datesCompareWithStringLiterals() {
    ExpressionHarness days =
        rows()
            .with(
                "dt",
                LocalDate.of(2023, 12, 31),
                LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 1, 2),
                null);
    assertThat(days.eval("dt > '2024-01-01'")).containsExactly(false, false, true, null);
    assertThat(days.eval("dt = '20240101'")).containsExactly(false, true, false, null);
    assertThat(days.eval("dt between '2024-01-01' and '2024-01-31'"))
        .containsExactly(false, true, true, null);
    ExpressionHarness times = rows().with("ts", at("2024-01-01T10:00"));
    assertThat(times.eval("ts >= '2024-01-01 10:00:00'")).containsExactly(true);
    assertThat(times.eval("ts < '2024-01-01'")).containsExactly(false);
    assertThat(
            rows()
                .with("dt", LocalDate.of(2024, 1, 1))
                .with("ts", at("2024-01-01T00:00"))
                .eval("dt = ts"))
        .containsExactly(true);
  }
}
