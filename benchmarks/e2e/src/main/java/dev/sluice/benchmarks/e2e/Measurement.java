package dev.sluice.benchmarks.e2e;

/** Rows and bytes moved in a span of time. */
record Measurement(long rows, long bytes, long nanos) {
  double rowsPerSecond() {
    return rows / seconds();
  }

  double megabytesPerSecond() {
    return bytes / 1e6 / seconds();
  }

  double seconds() {
    return nanos / 1e9;
  }
}
