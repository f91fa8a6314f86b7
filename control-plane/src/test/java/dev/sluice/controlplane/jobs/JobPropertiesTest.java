package dev.sluice.controlplane.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.controlplane.error.SluiceException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobPropertiesTest {
  private static final JobProperties DEFAULTS = JobProperties.defaults("Etc/UTC");

  @Test
  void defaultsAndNamesArePinned() {
    assertThat(DEFAULTS.toMap())
        .containsExactly(
            Map.entry("desired_concurrent_number", "3"),
            Map.entry("max_batch_interval", "10"),
            Map.entry("max_batch_rows", "200000"),
            Map.entry("max_batch_size", "104857600"),
            Map.entry("max_error_number", "0"),
            Map.entry("max_filter_ratio", "1.0"),
            Map.entry("strict_mode", "false"),
            Map.entry("timezone", "Etc/UTC"),
            Map.entry("format", "csv"),
            Map.entry("jsonpaths", ""),
            Map.entry("json_root", ""),
            Map.entry("strip_outer_array", "false"),
            Map.entry("log_rejected_record_num", "0"),
            Map.entry("task_consume_second", "15"),
            Map.entry("task_timeout_second", "60"));
  }

  @Test
  void parsesTheSeedsJsonJobProperties() {
    JobProperties parsed =
        JobProperties.parse(
            Map.of(
                "desired_concurrent_number", "5",
                "format", "JSON",
                "jsonpaths", "[\"$.commodity_id\",\"$.customer_name\"]"),
            DEFAULTS);
    assertThat(parsed.desiredConcurrentNumber()).isEqualTo(5);
    assertThat(parsed.format()).isEqualTo("json");
    assertThat(parsed.jsonpaths()).isEqualTo("[\"$.commodity_id\",\"$.customer_name\"]");
    assertThat(parsed.maxBatchRows()).isEqualTo(200_000);
  }

  @Test
  void storedFormRoundTrips() {
    JobProperties parsed =
        JobProperties.parse(
            Map.of("max_error_number", "7", "strict_mode", "true", "timezone", "Asia/Shanghai"),
            DEFAULTS);
    assertThat(JobProperties.fromMap(parsed.toMap())).isEqualTo(parsed);
  }

  @Test
  void rejectsValuesOutsideTheSeedsRanges() {
    assertInvalid(
        Map.of("desired_concurrent_number", "0"),
        "desired_concurrent_number must be between 1 and 1024, got 0");
    assertInvalid(
        Map.of("max_batch_interval", "4"), "max_batch_interval must be between 5 and 60, got 4");
    assertInvalid(
        Map.of("max_batch_rows", "199999"), "max_batch_rows must be at least 200000, got 199999");
    assertInvalid(
        Map.of("max_batch_size", "1"),
        "max_batch_size must be between 104857600 and 1073741824, got 1");
    assertInvalid(Map.of("max_error_number", "-1"), "max_error_number must be at least 0, got -1");
    assertInvalid(
        Map.of("max_filter_ratio", "1.5"), "max_filter_ratio must be between 0 and 1, got 1.5");
    assertInvalid(Map.of("strict_mode", "yes"), "strict_mode must be true or false, got 'yes'");
    assertInvalid(Map.of("format", "xml"), "format must be one of avro, csv, json, got 'xml'");
    assertInvalid(Map.of("timezone", "Mars/Base"), "timezone: unknown time zone 'Mars/Base'");
    assertInvalid(
        Map.of("max_batch_rows", "lots"), "max_batch_rows must be a whole number, got 'lots'");
    assertInvalid(
        Map.of("task_consume_second", "60", "task_timeout_second", "60"),
        "task_timeout_second (60) must be greater than task_consume_second (60)");
  }

  @Test
  void rejectsUnknownProperties() {
    assertInvalid(
        Map.of("desired_concurent_number", "3"), "Unknown property 'desired_concurent_number'");
  }

  private static void assertInvalid(Map<String, String> given, String message) {
    assertThatThrownBy(() -> JobProperties.parse(given, DEFAULTS))
        .isInstanceOf(SluiceException.class)
        .hasMessageContaining(message);
  }
}
