package dev.sluice.testing;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hostile records for every text format, interleaved with good ones, for a table of
 *
 * <pre>{@value #COLUMNS}</pre>
 *
 * Each bad record names a fragment of the reason its error row must give; each good record gives
 * the row it must load, rendered by {@link #render}. Huge values are generated, so nothing large
 * sits in the repository. Used by the decoder tests and by the end-to-end test that loads the same
 * records through Kafka, a worker process and S3.
 */
public final class HostileRecords {
  /** The table every record is meant for, as a CREATE TABLE column list. */
  public static final String COLUMNS =
      "id BIGINT NOT NULL, small TINYINT, amount DECIMAL(10,2), day DATE, name VARCHAR(20),"
          + " note STRING";

  /** A value that is a huge string but still fits one Kafka message (1 MiB by default). */
  public static final int HUGE = 900_000;

  /** NULL in {@link #render}. */
  public static final String NULL = "\\N";

  /**
   * One record: its Kafka value (empty for a tombstone), and either the row it loads ({@code row})
   * or a fragment of the reason it is rejected ({@code reason}).
   */
  public record Sample(Optional<byte[]> value, Optional<String> row, String reason) {
    public Sample {
      requireNonNull(value, "value is null");
      requireNonNull(row, "row is null");
      requireNonNull(reason, "reason is null");
      if (row.isPresent() == !reason.isEmpty()) {
        throw new IllegalArgumentException("a sample either loads a row or has a reason");
      }
    }

    public boolean good() {
      return row.isPresent();
    }

    static Sample good(String value, String row) {
      return new Sample(Optional.of(utf8(value)), Optional.of(row), "");
    }

    static Sample bad(byte[] value, String reason) {
      return new Sample(Optional.of(value), Optional.empty(), reason);
    }

    static Sample bad(String value, String reason) {
      return bad(utf8(value), reason);
    }
  }

  private HostileRecords() {}

  /** A row as {@code id|small|amount|day|name|note}, {@value #NULL} for NULL. */
  public static String render(
      Object id, Object small, Object amount, Object day, Object name, Object note) {
    StringBuilder row = new StringBuilder();
    for (Object value : new Object[] {id, small, amount, day, name, note}) {
      if (row.length() > 0) {
        row.append('|');
      }
      row.append(value == null ? NULL : value.toString());
    }
    return row.toString();
  }

  /** CSV with {@code ,} as the column separator, in the table's column order. */
  public static List<Sample> csv() {
    List<Sample> bad = new ArrayList<>();
    bad.add(Sample.bad("1,2,3", "expected 6 columns but found 3"));
    // A separator inside a value: CSV in Routine Load has no quoting.
    bad.add(Sample.bad("1001,1,1.00,2024-01-01,Doe, John,x", "expected 6 columns but found 7"));
    bad.add(Sample.bad(",", "expected 6 columns but found 2"));
    bad.add(Sample.bad(",,,,,", "column 'id' value '' cannot be converted"));
    bad.add(Sample.bad("1002,300,1.00,2024-01-01,a,b", "column 'small' value '300'"));
    bad.add(Sample.bad("1003,-129,1.00,2024-01-01,a,b", "column 'small' value '-129'"));
    bad.add(Sample.bad("99999999999999999999,1,1.00,2024-01-01,a,b", "column 'id' value"));
    bad.add(Sample.bad("1004,1,123456789.00,2024-01-01,a,b", "column 'amount' value"));
    bad.add(Sample.bad("1005,1,1.00,2024-02-30,a,b", "column 'day' value '2024-02-30'"));
    bad.add(Sample.bad("1006,1,1.00,yesterday,a,b", "column 'day' value 'yesterday'"));
    bad.add(Sample.bad("\\N,1,1.00,2024-01-01,a,b", "column 'id' is NOT NULL"));
    bad.add(
        Sample.bad(
            concat(utf8("1007,1,1.00,2024-01-01,"), new byte[] {(byte) 0xC3, 0x28}, utf8(",b")),
            "column 'name' value"));
    bad.add(
        Sample.bad(
            concat(utf8("1008,1,1.00,2024-01-01,a,"), new byte[] {(byte) 0xFF, (byte) 0xFE}),
            "column 'note' value"));
    bad.add(Sample.bad("1009,1,1.00,2024-01-01," + "x".repeat(HUGE) + ",b", "longer than the 20"));
    bad.add(Sample.bad("1010,1,1.00,2024-01-01,a," + "y".repeat(HUGE), "longer than the 65533"));
    // A line break inside a value: the reason quotes it, and must stay one line of the log.
    bad.add(Sample.bad("1011,1\n2,1.00,2024-01-01,a,b", "column 'small' value '1\\n2'"));
    bad.add(Sample.bad("", "empty message"));
    bad.add(new Sample(Optional.empty(), Optional.empty(), "empty message"));

    List<Sample> special = new ArrayList<>();
    special.add(Sample.good("501,\\N,\\N,\\N,\\N,\\N", render(501, null, null, null, null, null)));
    special.add(
        Sample.good("502,0,0.00,2024-01-01,,", render(502, 0, "0.00", "2024-01-01", "", "")));
    special.add(
        Sample.good(
            "503,-128,-99999999.99,1970-01-01,'); DROP TABLE t;--,\" quoted \"",
            render(
                503, -128, "-99999999.99", "1970-01-01", "'); DROP TABLE t;--", "\" quoted \"")));
    special.add(
        Sample.good(
            "504,127,99999999.99,9999-12-31,ünïcödé 🎉,line one\nline two\ttab",
            render(
                504, 127, "99999999.99", "9999-12-31", "ünïcödé 🎉", "line one\nline two\ttab")));
    special.add(
        Sample.good(
            "505,1,1.50,2024-02-29,exactly twenty bytes,windows line end\r\n",
            render(505, 1, "1.50", "2024-02-29", "exactly twenty bytes", "windows line end")));
    // U+0000 is valid UTF-8 and loads; first in its column, it becomes the tablet's min value.
    special.add(
        Sample.good(
            "506,1,1.00,2024-01-01,nul,\0 starts with NUL",
            render(506, 1, "1.00", "2024-01-01", "nul", "\0 starts with NUL")));
    return interleave(bad, special, id -> csvGood(id));
  }

  /** JSON objects matched to columns by member name. */
  public static List<Sample> json() {
    List<Sample> bad = new ArrayList<>();
    bad.add(Sample.bad("{\"id\": 2001, \"name\": }", "malformed JSON"));
    bad.add(Sample.bad("{\"id\": 2002, \"name\": \"trunc", "malformed JSON"));
    bad.add(Sample.bad("{", "malformed JSON"));
    bad.add(Sample.bad("{\"id\": 2003,}", "malformed JSON"));
    bad.add(Sample.bad("{\"id\": NaN}", "malformed JSON"));
    bad.add(Sample.bad("{\"id\": 2004} {\"id\": 2005}", "more than one JSON value"));
    bad.add(
        Sample.bad(
            "{\"id\": 2006, \"note\": " + "[".repeat(5000) + "]".repeat(5000) + "}",
            "JSON exceeds a limit"));
    bad.add(
        Sample.bad(
            "{\"id\": 2007, \"note\": \"" + "z".repeat(HUGE) + "\"}", "JSON exceeds a limit"));
    bad.add(Sample.bad("{\"id\": 2008, \"name\": \"" + "w".repeat(5000) + "\"}", "longer than"));
    bad.add(
        Sample.bad(
            concat(
                utf8("{\"id\": 2009, \"name\": \""), new byte[] {(byte) 0xC3, 0x28}, utf8("\"}")),
            "UTF-8"));
    bad.add(Sample.bad("{\"id\": 2010, \"name\": \"\\ud800\"}", "column 'name' value"));
    bad.add(Sample.bad("{\"id\": 2011, \"small\": 1000}", "column 'small' value '1000'"));
    bad.add(Sample.bad("{\"id\": 1e400}", "column 'id' value '1e400'"));
    bad.add(Sample.bad("{\"id\": 123456789012345678901234567890}", "column 'id' value"));
    bad.add(Sample.bad("{\"id\": 2012, \"amount\": 1e10}", "column 'amount' value"));
    bad.add(Sample.bad("{\"id\": 2013, \"day\": \"2024-13-45\"}", "column 'day' value"));
    bad.add(Sample.bad("{\"id\": null, \"name\": \"null id\"}", "column 'id' is NOT NULL"));
    bad.add(Sample.bad("{\"name\": \"no id\"}", "column 'id' is NOT NULL"));
    bad.add(Sample.bad("{\"id\": \"abc\"}", "column 'id' value 'abc'"));
    bad.add(Sample.bad("{\"id\": [1, 2]}", "column 'id' value '[1, 2]'"));
    bad.add(Sample.bad("{\"id\": {\"nested\": 1}}", "column 'id' value"));
    bad.add(Sample.bad("[1, 2, 3]", "expected a JSON object but found an array"));
    bad.add(Sample.bad("\"just a string\"", "expected a JSON object but found a string"));
    bad.add(Sample.bad("42", "expected a JSON object but found a number"));
    bad.add(Sample.bad("{\"id\": 2014, \"day\": \"2024-01-01\n\"}", "malformed JSON"));
    bad.add(Sample.bad("", "empty message"));
    bad.add(Sample.bad("   ", "empty message"));
    bad.add(new Sample(Optional.empty(), Optional.empty(), "empty message"));

    List<Sample> special = new ArrayList<>();
    special.add(Sample.good("{\"id\": 601}", render(601, null, null, null, null, null)));
    special.add(
        Sample.good(
            "{\"ID\": 602, \"Name\": \"any case\", \"unknown\": {\"deep\": [1, {\"x\": null}]}}",
            render(602, null, null, null, "any case", null)));
    special.add(
        Sample.good(
            "{\"id\": 603, \"name\": \"'); DROP TABLE t;--\", \"note\": \"\\\"quoted\\\"\"}",
            render(603, null, null, null, "'); DROP TABLE t;--", "\"quoted\"")));
    special.add(
        Sample.good(
            "{\"id\": 604, \"small\": -128, \"amount\": 99999999.99, \"day\": \"9999-12-31\","
                + " \"name\": \"\\u00fcn\\u00efc\\u00f6d\\u00e9 \\ud83c\\udf89\","
                + " \"note\": \"line one\\nline two\\ttab\"}",
            render(
                604, -128, "99999999.99", "9999-12-31", "ünïcödé 🎉", "line one\nline two\ttab")));
    special.add(
        Sample.good(
            "{\"id\": 605, \"note\": [1, \"two\", {\"three\": 3}]}",
            render(605, null, null, null, null, "[1, \"two\", {\"three\": 3}]")));
    special.add(
        Sample.good(
            "  {\"id\": \"606\", \"small\": \"7\", \"amount\": \"1.5\"}  \n",
            render(606, 7, "1.50", null, null, null)));
    special.add(
        Sample.good(
            "{\"id\": 607, \"note\": \"\\u0000 starts with NUL\"}",
            render(607, null, null, null, null, "\0 starts with NUL")));
    return interleave(bad, special, id -> jsonGood(id));
  }

  private static Sample csvGood(int id) {
    return Sample.good(
        id + "," + (id % 100) + "," + id + ".25,2024-01-" + day(id) + ",name-" + id + ",note " + id,
        render(id, id % 100, id + ".25", "2024-01-" + day(id), "name-" + id, "note " + id));
  }

  private static Sample jsonGood(int id) {
    return Sample.good(
        "{\"id\": "
            + id
            + ", \"small\": "
            + (id % 100)
            + ", \"amount\": "
            + id
            + ".25, \"day\": \"2024-01-"
            + day(id)
            + "\", \"name\": \"name-"
            + id
            + "\", \"note\": \"note "
            + id
            + "\"}",
        render(id, id % 100, id + ".25", "2024-01-" + day(id), "name-" + id, "note " + id));
  }

  private static String day(int id) {
    int day = id % 28 + 1;
    return day < 10 ? "0" + day : Integer.toString(day);
  }

  /** Good, bad, good, bad, ..., then the special good records, then two more good ones. */
  private static List<Sample> interleave(
      List<Sample> bad, List<Sample> special, java.util.function.IntFunction<Sample> good) {
    List<Sample> all = new ArrayList<>();
    int id = 1;
    for (Sample sample : bad) {
      all.add(good.apply(id++));
      all.add(sample);
    }
    all.addAll(special);
    all.add(good.apply(id++));
    all.add(good.apply(id));
    return List.copyOf(all);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
