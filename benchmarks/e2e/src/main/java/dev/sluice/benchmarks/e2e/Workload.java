package dev.sluice.benchmarks.e2e;

import dev.sluice.testing.SampleRecords;
import java.util.Random;

/**
 * The data sets the harness loads: the quick start's site clicks as JSON and the seeds' orders as
 * six comma-separated fields, each with the table and the routine load job the seeds give them.
 */
enum Workload {
  CLICKS(
      """
      CREATE TABLE %s (
          `uid` bigint NOT NULL,
          `site` string NOT NULL,
          `vtime` bigint NOT NULL
      ) DISTRIBUTED BY HASH(`uid`);
      """,
      """
      "format" = "JSON",
      "jsonpaths" = "[\\"$.uid\\",\\"$.site\\",\\"$.vtime\\"]",
      """),
  ORDERS(
      """
      CREATE TABLE %s (
          `order_id` bigint NOT NULL,
          `pay_dt` date NOT NULL,
          `customer_name` varchar(26) NULL,
          `nationality` varchar(26) NULL,
          `price` double NULL
      ) PRIMARY KEY (order_id, pay_dt) DISTRIBUTED BY HASH(`order_id`);
      """,
      "");

  private final String createTable;
  private final String formatProperties;

  Workload(String createTable, String formatProperties) {
    this.createTable = createTable;
    this.formatProperties = formatProperties;
  }

  String tableName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  String createTable(String table) {
    return createTable.formatted(table);
  }

  /** The record with sequence number {@code i}; {@code epochSeconds} is a click's visit time. */
  String record(Random random, long i, long epochSeconds) {
    return switch (this) {
      case CLICKS -> SampleRecords.click(random, epochSeconds);
      case ORDERS -> SampleRecords.order(random, i);
    };
  }

  /** The job loading {@code topic} into {@code table}, with the given job properties. */
  String createJob(String job, String table, String topic, String bootstrap, String jobProperties) {
    String columns =
        this == ORDERS
            ? "COLUMNS TERMINATED BY \",\",\n"
                + "COLUMNS (order_id, pay_dt, customer_name, nationality, temp_gender, price)\n"
            : "";
    return """
        CREATE ROUTINE LOAD %s ON %s
        %sPROPERTIES (
        %s%s
        )
        FROM KAFKA (
            "kafka_broker_list" = "%s",
            "kafka_topic" = "%s",
            "property.kafka_default_offsets" = "OFFSET_BEGINNING"
        );
        """
        .formatted(job, table, columns, formatProperties, jobProperties, bootstrap, topic);
  }
}
