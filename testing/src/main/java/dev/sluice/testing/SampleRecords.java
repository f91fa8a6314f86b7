package dev.sluice.testing;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/**
 * The sample records of the seeds, for {@code sluice produce} and the benchmarks: the quick start's
 * site clicks (JSON) and the CREATE ROUTINE LOAD example's orders (six CSV fields).
 */
public final class SampleRecords {
  private static final List<String> SITES =
      List.of(
          "https://docs.starrocks.io/",
          "https://www.starrocks.io/",
          "https://www.starrocks.io/blog",
          "https://www.starrocks.io/product/community");
  private static final List<String> NAMES =
      List.of(
          "Johann Georg Faust",
          "Julien Sorel",
          "Dorian Grey",
          "Anna Karenina",
          "Tess Durbeyfield",
          "Edogawa Conan");
  private static final List<String> COUNTRIES =
      List.of("Deutschland", "France", "UK", "Russia", "US", "japan");
  private static final LocalDate FIRST_PAY_DAY = LocalDate.of(2020, 5, 1);

  private SampleRecords() {}

  /** Like the quick start's gen.py: a user id, a site, and a visit time in epoch seconds. */
  public static String click(Random random, long epochSeconds) {
    return "{ \"uid\": "
        + random.nextInt(10_000)
        + ", \"site\": \""
        + SITES.get(random.nextInt(SITES.size()))
        + "\", \"vtime\": "
        + epochSeconds
        + " }";
  }

  /**
   * The seeds' six comma-separated fields: order id, payment date, name, nationality, gender,
   * price. The {@code i}-th order has order id 2020050800 + i.
   */
  public static String order(Random random, long i) {
    return (2020050800L + i)
        + ","
        + FIRST_PAY_DAY.plusDays(i % 28)
        + ","
        + NAMES.get(random.nextInt(NAMES.size()))
        + ","
        + COUNTRIES.get(random.nextInt(COUNTRIES.size()))
        + ","
        + (random.nextBoolean() ? "male" : "female")
        + ","
        + (100 + random.nextInt(9000));
  }
}
