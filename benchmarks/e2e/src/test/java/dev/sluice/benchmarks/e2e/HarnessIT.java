package dev.sluice.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness runs end to end on a small N. Only that it runs and checks what it loaded is tested
 * here; its speeds are recorded in benchmarks/RESULTS.md, never asserted.
 */
class HarnessIT {

  @Test
  void loadsBothWorkloadsExactlyAndMeasuresFreshness(@TempDir Path dir) throws Exception {
    Path output = dir.resolve("results.txt");
    Harness.run(
        new String[] {
          "--records", "20000",
          "--freshness-rate", "2000",
          "--freshness-seconds", "6",
          "--timeout-seconds", "120",
          "--output", output.toString()
        });
    List<String> results = Files.readAllLines(output);
    assertThat(results)
        .contains("clicks.table_rows=20000", "orders.table_rows=20000")
        .anyMatch(line -> line.startsWith("clicks.ratio="))
        .anyMatch(line -> line.startsWith("orders.floor_rows_per_s="))
        .anyMatch(line -> line.matches("freshness.records_measured=\\d{4,}"))
        .anyMatch(line -> line.matches("worker_rss_high_water_mib=[1-9]\\d*"));
  }
}
