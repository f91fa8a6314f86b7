package dev.sluice.expr.scalar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DateFormatTest {

  private static long micros(LocalDateTime time) {
    return time.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + time.getNano() / 1000;
  }

  private static String print(String pattern, LocalDateTime time) {
    ByteBuilder out = new ByteBuilder();
    DateFormat.compile(pattern).print(micros(time), out);
    return out.toString();
  }

  private static LocalDateTime parse(String pattern, String text) {
    DateFormat.Fields fields = new DateFormat.Fields();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (!DateFormat.compile(pattern).parse(bytes, 0, bytes.length, fields)) {
      return null;
    }
    long micros = fields.micros();
    return LocalDateTime.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L),
        (int) Math.floorMod(micros, 1_000_000L) * 1000,
        ZoneOffset.UTC);
  }

  @Test
  void printsEverySpecifier() {
    LocalDateTime time = LocalDateTime.of(2021, 1, 3, 0, 5, 9, 42_000);
    assertThat(print("%Y %y %m %c %d %e %H %k %h %I %l %i %s %S %f %p", time))
        .isEqualTo("2021 21 01 1 03 3 00 0 12 12 12 05 09 09 000042 AM");
    assertThat(print("%M %b %W %a %w %j %D", time)).isEqualTo("January Jan Sunday Sun 0 003 3rd");
    assertThat(print("%T %r", time)).isEqualTo("00:05:09 12:05:09 AM");
    assertThat(print("100%% %q %", time)).isEqualTo("100% q %");
    assertThat(print("%D %D %D %D", LocalDateTime.of(2021, 1, 11, 0, 0)))
        .isEqualTo("11th 11th 11th 11th");
    assertThat(print("%D", LocalDateTime.of(2021, 1, 22, 0, 0))).isEqualTo("22nd");
    assertThat(print("%Y-%m-%d", LocalDateTime.of(5, 6, 7, 0, 0))).isEqualTo("0005-06-07");
  }

  @Test
  void parsesWhatItPrints() {
    LocalDateTime time = LocalDateTime.of(2021, 11, 23, 17, 5, 9, 123_456_000);
    for (String pattern :
        new String[] {
          "%Y-%m-%d %H:%i:%s.%f", "%y%m%d%H%i%s.%f", "%d/%c/%Y %r.%f", "%W, %M %e %Y %T.%f"
        }) {
      assertThat(parse(pattern, print(pattern, time))).as(pattern).isEqualTo(time);
    }
  }

  @Test
  void rejectsInvalidInput() {
    assertThat(parse("%Y-%m-%d", "2020-13-45")).isNull();
    assertThat(parse("%Y-%m-%d", "2021-02-29")).isNull();
    assertThat(parse("%Y-%m-%d", "2020-05-11x")).isNull();
    assertThat(parse("%Y-%m-%d", "2020/05/11")).isNull();
    assertThat(parse("%Y-%m-%d", "")).isNull();
    assertThat(parse("%H:%i", "24:00")).isNull();
    assertThat(parse("%h:%i %p", "13:00 PM")).isNull();
    assertThat(parse("%M", "Smarch")).isNull();
    assertThat(parse("%Y-%j", "2021-366")).isNull();
  }

  @Test
  void lenientWhereMySqlIs() {
    assertThat(parse("%Y-%m-%d", " 2020-5-1 ")).isEqualTo(LocalDateTime.of(2020, 5, 1, 0, 0));
    assertThat(parse("%Y-%m-%d %H", "2020-05-01    7"))
        .isEqualTo(LocalDateTime.of(2020, 5, 1, 7, 0));
    assertThat(parse("%y", "69")).isEqualTo(LocalDateTime.of(2069, 1, 1, 0, 0));
    assertThat(parse("%y", "70")).isEqualTo(LocalDateTime.of(1970, 1, 1, 0, 0));
    assertThat(parse("%Y%m", "202005")).isEqualTo(LocalDateTime.of(2020, 5, 1, 0, 0));
    assertThat(parse("%b %e", "dec 5")).isEqualTo(LocalDateTime.of(0, 12, 5, 0, 0));
  }

  @Test
  void knowsWhetherItHasATime() {
    assertThat(DateFormat.compile("%Y%m%d").hasTime()).isFalse();
    assertThat(DateFormat.compile("%Y%m%d %T").hasTime()).isTrue();
  }
}
