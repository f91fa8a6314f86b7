package dev.sluice.benchmarks.e2e;

import dev.sluice.testing.KafkaBroker;
import dev.sluice.testing.PostgresServer;
import dev.sluice.testing.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The end-to-end benchmark, in one run on one machine: real Kafka, PostgreSQL and S3 API servers;
 * per workload, N records into a 4-partition topic, the raw consumer's floor, then one Sluice
 * worker loading the topic, checked to hold exactly N rows; then freshness at a steady rate, and
 * the worker's peak memory throughout. Prints {@code key=value} lines; see benchmarks/README.md.
 */
public final class Harness {
  private static final Pattern LOADED = Pattern.compile("\"loadedRows\":(\\d+)");
  private static final Pattern ERRORS = Pattern.compile("\"errorRows\":(\\d+)");
  private static final String DATABASE = "bench";
  private static final long WARM_UP = 200_000;

  private final Options options;
  private final List<String> report = new ArrayList<>();

  private Harness(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    run(args);
    // The shared servers stop in their shutdown hooks.
    System.exit(0);
  }

  /** Runs the benchmark and writes its {@code key=value} lines to the output file. */
  static void run(String[] args) throws Exception {
    Options options = Options.parse(args);
    List<String> report = new Harness(options).run();
    Files.createDirectories(options.output().getParent());
    Files.write(options.output(), report);
    System.out.println("results written to " + options.output());
  }

  private List<String> run() throws Exception {
    Path logs = Files.createDirectories(options.output().getParent().resolve("logs"));
    PostgresServer postgres = PostgresServer.shared();
    KafkaBroker kafka = KafkaBroker.shared();
    S3ProxyServer s3 = S3ProxyServer.shared();
    s3.createBucket("bench");
    line("machine", machine());
    try (SluiceServices sluice =
            new SluiceServices(
                postgres, s3, "bench", options.workerTasks(), options.workerJvm(), logs);
        RssSampler rss = new RssSampler(sluice.workerPid())) {
      sluice.sql("CREATE DATABASE " + DATABASE, "");
      warmUp(sluice, kafka);
      for (Workload workload : options.workloads()) {
        throughput(sluice, kafka, workload, rss);
      }
      if (options.freshnessSeconds() > 0) {
        freshness(sluice, kafka);
      }
      line("worker_rss_high_water_mib", Long.toString(rss.highWaterMib()));
    }
    return report;
  }

  private void throughput(
      SluiceServices sluice, KafkaBroker kafka, Workload workload, RssSampler rss)
      throws Exception {
    String name = workload.tableName();
    String topic = name + "_" + options.records();
    kafka.createTopic(topic, options.partitions());
    long bytes =
        TopicWriter.fill(
            kafka.bootstrapServers(), topic, options.partitions(), workload, options.records());
    // Best of two, so that the floor is not held back by a cold JIT or a cold page cache.
    Measurement floor = RawConsumer.readAll(kafka.bootstrapServers(), topic, options.partitions());
    Measurement second = RawConsumer.readAll(kafka.bootstrapServers(), topic, options.partitions());
    if (second.nanos() < floor.nanos()) {
      floor = second;
    }
    check(floor.rows() == options.records(), "the raw consumer read " + floor.rows() + " rows");

    rss.reset();
    sluice.sql(workload.createTable(name), DATABASE);
    String job = name + "_job";
    long started = System.nanoTime();
    sluice.sql(
        workload.createJob(job, name, topic, kafka.bootstrapServers(), options.jobProperties()),
        DATABASE);
    long loaded = awaitLoaded(sluice, job, options.records(), started);
    Measurement load = new Measurement(loaded, bytes, System.nanoTime() - started);
    sluice.sql("STOP ROUTINE LOAD FOR " + job, DATABASE);
    long counted = Long.parseLong(sluice.queryValue("SELECT count(*) FROM " + name, DATABASE));
    check(
        counted == options.records(),
        name + " holds " + counted + " rows, expected " + options.records());

    line(name + ".records", Long.toString(options.records()));
    line(name + ".megabytes", format(bytes / 1e6));
    line(name + ".floor_rows_per_s", format(floor.rowsPerSecond()));
    line(name + ".floor_mb_per_s", format(floor.megabytesPerSecond()));
    line(name + ".sluice_rows_per_s", format(load.rowsPerSecond()));
    line(name + ".sluice_mb_per_s", format(load.megabytesPerSecond()));
    line(
        name + ".ratio",
        String.format(Locale.ROOT, "%.2f", load.rows() / load.seconds() / floor.rowsPerSecond()));
    line(name + ".table_rows", Long.toString(counted));
    line(name + ".worker_peak_rss_mib", Long.toString(rss.peakMib()));
  }

  /**
   * A small load of each workload before measuring, so that the numbers are those of a running
   * service rather than of classes loading and code compiling in freshly started JVMs.
   */
  private void warmUp(SluiceServices sluice, KafkaBroker kafka) throws Exception {
    long records = Math.min(WARM_UP, options.records());
    for (Workload workload : Workload.values()) {
      String table = "warmup_" + workload.tableName();
      String topic = table;
      kafka.createTopic(topic, options.partitions());
      TopicWriter.fill(kafka.bootstrapServers(), topic, options.partitions(), workload, records);
      sluice.sql(workload.createTable(table), DATABASE);
      sluice.sql(
          workload.createJob(
              table + "_job", table, topic, kafka.bootstrapServers(), options.jobProperties()),
          DATABASE);
      awaitLoaded(sluice, table + "_job", records, System.nanoTime());
      sluice.sql("STOP ROUTINE LOAD FOR " + table + "_job", DATABASE);
    }
  }

  /** Waits until the job has loaded every record; returns the rows loaded. */
  private long awaitLoaded(SluiceServices sluice, String job, long records, long started)
      throws Exception {
    long deadline = started + options.timeoutSeconds() * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      Map<String, String> show = sluice.showJob(DATABASE, job);
      String statistic = show.get("Statistic");
      long loaded = number(LOADED, statistic);
      long errors = number(ERRORS, statistic);
      check(errors == 0, job + " rejected rows: " + show.get("ErrorLogUrls"));
      check(
          !show.get("State").equals("PAUSED"),
          job + " paused: " + show.get("ReasonOfStateChanged"));
      if (loaded >= records) {
        return loaded;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(
        job + " did not load " + records + " rows in time\n" + sluice.logs());
  }

  private void freshness(SluiceServices sluice, KafkaBroker kafka) throws Exception {
    String topic = "freshness";
    kafka.createTopic(topic, options.partitions());
    sluice.sql(Workload.CLICKS.createTable("fresh_clicks"), DATABASE);
    // max_batch_interval at its minimum: the shortest wait a caught-up job is allowed.
    sluice.sql(
        Workload.CLICKS.createJob(
            "fresh_job",
            "fresh_clicks",
            topic,
            kafka.bootstrapServers(),
            "\"max_batch_interval\" = \"5\""),
        DATABASE);
    FreshnessProbe.Result result =
        FreshnessProbe.measure(
            sluice,
            DATABASE,
            "fresh_job",
            kafka.bootstrapServers(),
            topic,
            options.partitions(),
            options.freshnessRate(),
            options.freshnessSeconds(),
            Math.min(5, options.freshnessSeconds() / 3));
    line("freshness.rate_rows_per_s", Integer.toString(options.freshnessRate()));
    line("freshness.records_measured", Long.toString(result.count()));
    line("freshness.p50_ms", Long.toString(result.p50Ms()));
    line("freshness.p99_ms", Long.toString(result.p99Ms()));
    line("freshness.max_ms", Long.toString(result.maxMs()));
  }

  private void line(String key, String value) {
    String text = key + "=" + value;
    report.add(text);
    System.out.println(text);
  }

  private static long number(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
  }

  private static void check(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalStateException(problem);
    }
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.0f", value);
  }

  private static String machine() {
    return Runtime.getRuntime().availableProcessors()
        + " cores, "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024)
        + " MiB max heap (harness), Java "
        + System.getProperty("java.version")
        + ", "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.arch");
  }

  /** The harness's command-line options, {@code --name value}, all optional. */
  record Options(
      long records,
      int partitions,
      List<Workload> workloads,
      int workerTasks,
      List<String> workerJvm,
      String jobProperties,
      int freshnessRate,
      int freshnessSeconds,
      int timeoutSeconds,
      Path output) {

    static Options parse(String[] args) throws IOException {
      Map<String, String> given = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i += 2) {
        if (!args[i].startsWith("--") || i + 1 == args.length) {
          throw new IllegalArgumentException("expected --name value pairs, got " + List.of(args));
        }
        given.put(args[i].substring(2), args[i + 1]);
      }
      List<Workload> workloads = new ArrayList<>();
      for (String name : given.getOrDefault("workloads", "clicks,orders").split(",")) {
        workloads.add(Workload.valueOf(name.trim().toUpperCase(Locale.ROOT)));
      }
      Options options =
          new Options(
              Long.parseLong(given.getOrDefault("records", "5000000")),
              Integer.parseInt(given.getOrDefault("partitions", "4")),
              workloads,
              Integer.parseInt(given.getOrDefault("worker-tasks", "1")),
              List.of(given.getOrDefault("worker-jvm", "-Xmx1g").split(" ")),
              given.getOrDefault(
                  "job-properties",
                  "\"desired_concurrent_number\" = \"1\", \"max_batch_rows\" = \"1000000\""),
              Integer.parseInt(given.getOrDefault("freshness-rate", "50000")),
              Integer.parseInt(given.getOrDefault("freshness-seconds", "30")),
              Integer.parseInt(given.getOrDefault("timeout-seconds", "600")),
              Path.of(given.getOrDefault("output", "target/bench/results.txt")).toAbsolutePath());
      given
          .keySet()
          .removeAll(
              List.of(
                  "records",
                  "partitions",
                  "workloads",
                  "worker-tasks",
                  "worker-jvm",
                  "job-properties",
                  "freshness-rate",
                  "freshness-seconds",
                  "timeout-seconds",
                  "output"));
      if (!given.isEmpty()) {
        throw new IllegalArgumentException("unknown options: " + given.keySet());
      }
      return options;
    }
  }
}
