package dev.sluice.worker.decode;

import static dev.sluice.worker.decode.DecodeFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.storage.schema.ArrowTypes;
import dev.sluice.storage.schema.ColumnType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueConverterTest {

  private static final Object INVALID = "<invalid>";
  private static final Object TOO_LONG = "<too long>";

  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  /** Converts {@code text} into a one-row vector of {@code type} and reads it back. */
  private Object convert(String type, String text) {
    return convert(type, utf8(text));
  }

  private Object convert(String type, byte[] text) {
    ColumnType columnType = ColumnType.parse(type);
    Field field = new Field("c", FieldType.nullable(ArrowTypes.of(columnType)), null);
    try (FieldVector vector = field.createVector(allocator)) {
      vector.allocateNew();
      // Surround the text with other bytes to check that offsets are honoured.
      byte[] padded = new byte[text.length + 4];
      padded[0] = '9';
      padded[1] = '9';
      padded[padded.length - 2] = '9';
      padded[padded.length - 1] = '9';
      System.arraycopy(text, 0, padded, 2, text.length);
      int result = ValueConverter.forType(columnType).write(vector, 3, padded, 2, text.length);
      if (result == ValueConverter.INVALID) {
        assertThat(vector.isNull(3)).isTrue();
        return INVALID;
      }
      if (result == ValueConverter.TOO_LONG) {
        return TOO_LONG;
      }
      vector.setValueCount(4);
      return DecodeFixture.valueAt(vector, 3);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "TINYINT|-128|-128",
        "TINYINT|127|127",
        "TINYINT|' 12 '|12",
        "TINYINT|+5|5",
        "TINYINT|007|7",
        "SMALLINT|-32768|-32768",
        "SMALLINT|32767|32767",
        "INT|-2147483648|-2147483648",
        "INT|2147483647|2147483647",
        "BIGINT|-9223372036854775808|-9223372036854775808",
        "BIGINT|9223372036854775807|9223372036854775807",
        "BIGINT|1589191487|1589191487",
        "BIGINT|-0|0",
      })
  void convertsIntegersInRange(String type, String text, long expected) {
    assertThat(((Number) convert(type, text)).longValue()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "TINYINT|128",
        "TINYINT|-129",
        "SMALLINT|32768",
        "SMALLINT|-32769",
        "INT|2147483648",
        "INT|-2147483649",
        "BIGINT|9223372036854775808",
        "BIGINT|-9223372036854775809",
        "BIGINT|99999999999999999999",
        "INT|1.0",
        "INT|1e2",
        "INT|''",
        "INT|' '",
        "INT|-",
        "INT|+",
        "INT|abc",
        "INT|0x10",
        "INT|1 2",
        "INT|１２",
      })
  void rejectsIntegersOutOfRangeOrMalformed(String type, String text) {
    assertThat(convert(type, text)).isEqualTo(INVALID);
  }

  @Test
  void convertsLargeIntUpToThirtyEightDigits() {
    String max = "9".repeat(38);
    assertThat(convert("LARGEINT", max)).isEqualTo(new BigDecimal(max));
    assertThat(convert("LARGEINT", "-" + max)).isEqualTo(new BigDecimal("-" + max));
    assertThat(convert("LARGEINT", "12345678901234567890123"))
        .isEqualTo(new BigDecimal("12345678901234567890123"));
    assertThat(convert("LARGEINT", "-42")).isEqualTo(new BigDecimal("-42"));
    assertThat(convert("LARGEINT", "1" + "0".repeat(38))).isEqualTo(INVALID);
    // 2^127 - 1 has 39 digits, more than Arrow's 128-bit decimal holds.
    assertThat(convert("LARGEINT", "170141183460469231731687303715884105727")).isEqualTo(INVALID);
    assertThat(convert("LARGEINT", "1.5")).isEqualTo(INVALID);
    assertThat(convert("LARGEINT", "1e3")).isEqualTo(INVALID);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "DECIMAL(10,2)|123.456|123.46",
        "DECIMAL(10,2)|123.454|123.45",
        "DECIMAL(10,2)|123.455|123.46",
        "DECIMAL(10,2)|-123.455|-123.46",
        "DECIMAL(10,2)|99999999.99|99999999.99",
        "DECIMAL(10,2)|99999999.994|99999999.99",
        "DECIMAL(10,2)|1.5e2|150.00",
        "DECIMAL(10,2)|1E-3|0.00",
        "DECIMAL(10,2)|0.005|0.01",
        "DECIMAL(10,2)|-0.001|0.00",
        "DECIMAL(10,2)|.5|0.50",
        "DECIMAL(10,2)|5.|5.00",
        "DECIMAL(10,2)|' 7 '|7.00",
        "DECIMAL(10,2)|000000000000000000000001.10|1.10",
        "DECIMAL(5,5)|0.12345|0.12345",
        "DECIMAL(5,5)|0.123456|0.12346",
        "DECIMAL(3,0)|999.4|999",
        "DECIMAL(3,0)|1234e-1|123",
        "DECIMAL(38,10)|1234567890123456789012345678.1234567890|1234567890123456789012345678.1234567890",
        "DECIMAL(38,10)|-1234567890123456789012345678.12345678905|-1234567890123456789012345678.1234567891",
        "DECIMAL(38,0)|99999999999999999999999999999999999999|99999999999999999999999999999999999999",
        "DECIMAL(38,0)|-99999999999999999999999999999999999999|-99999999999999999999999999999999999999",
        "DECIMAL(29,9)|12345678901234567890.123456789|12345678901234567890.123456789",
        "DECIMAL(27,9)|123456789012345678.123456789|123456789012345678.123456789",
        "DECIMAL(20,0)|18446744073709551616|18446744073709551616",
        "DECIMAL(20,0)|-9223372036854775809|-9223372036854775809",
      })
  void convertsDecimalsRoundingHalfUp(String type, String text, String expected) {
    assertThat(convert(type, text)).isEqualTo(new BigDecimal(expected));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "DECIMAL(10,2)|99999999.995",
        "DECIMAL(10,2)|100000000",
        "DECIMAL(10,2)|1e8",
        "DECIMAL(10,2)|1e999999999999",
        "DECIMAL(5,5)|1",
        "DECIMAL(3,0)|999.5",
        "DECIMAL(38,10)|12345678901234567890123456789",
        "DECIMAL(27,9)|1234567890123456789",
        "DECIMAL(10,2)|abc",
        "DECIMAL(10,2)|1.2.3",
        "DECIMAL(10,2)|''",
        "DECIMAL(10,2)|.",
        "DECIMAL(10,2)|-",
        "DECIMAL(10,2)|1e",
        "DECIMAL(10,2)|1e+",
        "DECIMAL(10,2)|NaN",
      })
  void rejectsDecimalsThatDoNotFit(String type, String text) {
    assertThat(convert(type, text)).isEqualTo(INVALID);
  }

  @Test
  void roundsAwayTinyExponentsToZero() {
    assertThat(convert("DECIMAL(10,2)", "5e-999999999999")).isEqualTo(new BigDecimal("0.00"));
    assertThat(convert("DECIMAL(10,2)", "0e999999999")).isEqualTo(new BigDecimal("0.00"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "875|875.0",
        "0.1|0.1",
        "-2.5|-2.5",
        "1.7976931348623157e308|1.7976931348623157E308",
        "4.9e-324|4.9E-324",
        "1e-400|0.0",
        "12345678901234567890.5|1.2345678901234567E19",
        ".5|0.5",
        "5.|5.0",
        "' 3.25 '|3.25",
        "+1E3|1000.0",
      })
  void convertsDoubles(String text, double expected) {
    assertThat(convert("DOUBLE", text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1e309",
        "-1e309",
        "NaN",
        "Infinity",
        "-Infinity",
        "1.5d",
        "0x1p3",
        "",
        ".",
        "1e",
        "e5",
        "1..2",
        "1,5"
      })
  void rejectsDoublesThatAreNotFiniteNumbers(String text) {
    assertThat(convert("DOUBLE", text)).isEqualTo(INVALID);
  }

  @Test
  void convertsFloatsAndRejectsOverflow() {
    assertThat(convert("FLOAT", "1.5")).isEqualTo(1.5f);
    assertThat(convert("FLOAT", "0.1")).isEqualTo(0.1f);
    assertThat(convert("FLOAT", "3.4028235e38")).isEqualTo(Float.MAX_VALUE);
    assertThat(convert("FLOAT", "1e-50")).isEqualTo(0.0f);
    assertThat(convert("FLOAT", "3.5e38")).isEqualTo(INVALID);
    assertThat(convert("FLOAT", "1.5f")).isEqualTo(INVALID);
  }

  @Test
  void parsesFloatingPointExactlyLikeTheJdk() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      String text = randomNumber(random);
      double expectedDouble = Double.parseDouble(text);
      float expectedFloat = Float.parseFloat(text);
      Object actualDouble = convert("DOUBLE", text);
      Object actualFloat = convert("FLOAT", text);
      if (Double.isInfinite(expectedDouble)) {
        assertThat(actualDouble).as(text).isEqualTo(INVALID);
      } else {
        assertThat(actualDouble).as(text).isEqualTo(expectedDouble);
      }
      if (Float.isInfinite(expectedFloat)) {
        assertThat(actualFloat).as(text).isEqualTo(INVALID);
      } else {
        assertThat(actualFloat).as(text).isEqualTo(expectedFloat);
      }
    }
  }

  private static String randomNumber(Random random) {
    switch (random.nextInt(4)) {
      case 0:
        return Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
      case 1:
        return Float.toString(random.nextFloat() * (float) Math.pow(10, random.nextInt(20) - 10));
      case 2:
        return Long.toString(random.nextLong() >> random.nextInt(64));
      default:
        StringBuilder text = new StringBuilder();
        if (random.nextBoolean()) {
          text.append('-');
        }
        int integerDigits = random.nextInt(22);
        for (int d = 0; d < integerDigits; d++) {
          text.append((char) ('0' + random.nextInt(10)));
        }
        text.append('.');
        int fractionDigits = 1 + random.nextInt(22);
        for (int d = 0; d < fractionDigits; d++) {
          text.append((char) ('0' + random.nextInt(10)));
        }
        if (random.nextBoolean()) {
          text.append('e').append(random.nextInt(80) - 40);
        }
        return text.toString();
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "true|true",
        "TRUE|true",
        "True|true",
        "1|true",
        "false|false",
        "FaLsE|false",
        "0|false",
        "' true '|true"
      })
  void convertsBooleans(String text, boolean expected) {
    assertThat(convert("BOOLEAN", text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "no", "2", "-1", "", "t", "truee", "01"})
  void rejectsOtherBooleans(String text) {
    assertThat(convert("BOOLEAN", text)).isEqualTo(INVALID);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2020-05-08|2020-05-08",
        "20200508|2020-05-08",
        "2020/05/08|2020-05-08",
        "2020-5-8|2020-05-08",
        "2020-02-29|2020-02-29",
        "2000-02-29|2000-02-29",
        "1969-12-31|1969-12-31",
        "1900-03-01|1900-03-01",
        "0001-01-01|0001-01-01",
        "9999-12-31|9999-12-31",
        "' 2020-05-08 '|2020-05-08",
        "2020-05-08 10:11:12|2020-05-08",
      })
  void convertsDates(String text, LocalDate expected) {
    assertThat(convert("DATE", text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2021-02-29",
        "1900-02-29",
        "2020-13-01",
        "2020-00-10",
        "2020-04-31",
        "2020-05-00",
        "2020-05-08x",
        "2020-05/08",
        "2020058",
        "202005080",
        "20-05-08",
        "2020-05-08 25:00:00",
        "",
        "tomorrow",
      })
  void rejectsInvalidDates(String text) {
    assertThat(convert("DATE", text)).isEqualTo(INVALID);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2020-05-08 10:11:12|2020-05-08T10:11:12",
        "2020-05-08T10:11:12|2020-05-08T10:11:12",
        "2020-05-08 10:11:12.123456|2020-05-08T10:11:12.123456",
        "2020-05-08 10:11:12.5|2020-05-08T10:11:12.5",
        "2020-05-08 10:11:12.123456789|2020-05-08T10:11:12.123456",
        "2020-05-08 1:02:03|2020-05-08T01:02:03",
        "2020-05-08|2020-05-08T00:00",
        "20200508 23:59:59|2020-05-08T23:59:59",
        "2020/05/08 00:00:00|2020-05-08T00:00",
        "1960-01-01 00:00:00.000001|1960-01-01T00:00:00.000001",
        "9999-12-31 23:59:59.999999|9999-12-31T23:59:59.999999",
      })
  void convertsDateTimesAsWallClockMicros(String text, LocalDateTime expected) {
    assertThat(convert("DATETIME", text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2020-05-08 24:00:00",
        "2020-05-08 23:60:00",
        "2020-05-08 23:59:60",
        "2020-05-08 10:11",
        "2020-05-08 10:11:12Z",
        "2020-05-08T10:11:12+02:00",
        "2020-05-08 10:11:12.",
        "2020-05-08 10:11:12.1234567890",
        "2020-02-30 00:00:00",
        "1589191487",
      })
  void rejectsInvalidDateTimes(String text) {
    assertThat(convert("DATETIME", text)).isEqualTo(INVALID);
  }

  @Test
  void measuresStringLengthInBytes() {
    assertThat(convert("VARCHAR(5)", "abcde")).isEqualTo("abcde");
    assertThat(convert("VARCHAR(5)", "abcdef")).isEqualTo(TOO_LONG);
    // Three characters, six bytes.
    assertThat(convert("VARCHAR(5)", "äöü")).isEqualTo(TOO_LONG);
    assertThat(convert("VARCHAR(5)", "äö")).isEqualTo("äö");
    assertThat(convert("VARCHAR(4)", "😀")).isEqualTo("😀");
    assertThat(convert("VARCHAR(3)", "😀")).isEqualTo(TOO_LONG);
    assertThat(convert("CHAR(2)", "ab")).isEqualTo("ab");
    assertThat(convert("CHAR(2)", "abc")).isEqualTo(TOO_LONG);
    assertThat(convert("VARCHAR(5)", "")).isEqualTo("");
    assertThat(convert("VARCHAR(5)", " a ")).isEqualTo(" a ");
    assertThat(convert("STRING", "x".repeat(65_533))).isEqualTo("x".repeat(65_533));
    assertThat(convert("STRING", "x".repeat(65_534))).isEqualTo(TOO_LONG);
  }

  @Test
  void rejectsStringsThatAreNotUtf8() {
    assertThat(convert("STRING", new byte[] {'a', (byte) 0xFF})).isEqualTo(INVALID);
    assertThat(convert("STRING", new byte[] {(byte) 0xC3, 0x28})).isEqualTo(INVALID);
    assertThat(convert("STRING", new byte[] {(byte) 0xC0, (byte) 0x80})).isEqualTo(INVALID);
    assertThat(convert("STRING", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}))
        .isEqualTo(INVALID);
    assertThat(convert("STRING", new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}))
        .isEqualTo(INVALID);
    assertThat(convert("STRING", new byte[] {(byte) 0xE2, (byte) 0x82})).isEqualTo(INVALID);
    assertThat(convert("STRING", "Saint-Exupéry €".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("Saint-Exupéry €");
  }

  @Test
  void encodesCharsAsUtf8AndMarksLoneSurrogatesInvalid() {
    byte[] out = new byte[64];
    char[] chars = "aé€😀".toCharArray();
    int length = Utf8.encode(chars, 0, chars.length, out);
    assertThat(new String(out, 0, length, StandardCharsets.UTF_8)).isEqualTo("aé€😀");
    assertThat(Utf8.isValid(out, 0, length)).isTrue();

    char[] lone = {'a', '\uD800', 'b'};
    int loneLength = Utf8.encode(lone, 0, lone.length, out);
    assertThat(Utf8.isValid(out, 0, loneLength)).isFalse();
  }
}
