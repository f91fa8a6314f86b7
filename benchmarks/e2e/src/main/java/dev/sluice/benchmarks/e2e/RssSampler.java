package dev.sluice.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows a process's resident memory through /proc: the peak while sampling (VmRSS every 100 ms)
 * and the kernel's own high-water mark (VmHWM) since the process started.
 */
final class RssSampler implements AutoCloseable {
  private final Path status;
  private final AtomicLong peakKb = new AtomicLong();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  RssSampler(long pid) {
    status = Path.of("/proc", Long.toString(pid), "status");
    timer.scheduleAtFixedRate(
        () -> peakKb.accumulateAndGet(field("VmRSS:"), Math::max), 0, 100, TimeUnit.MILLISECONDS);
  }

  /** The highest VmRSS sampled since the last {@link #reset()}, in MiB. */
  long peakMib() {
    return peakKb.get() / 1024;
  }

  void reset() {
    peakKb.set(0);
  }

  /** The process's VmHWM: the highest RSS since it started, in MiB. */
  long highWaterMib() {
    return field("VmHWM:") / 1024;
  }

  private long field(String name) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith(name)) {
          return Long.parseLong(line.substring(name.length()).replace("kB", "").trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      // The process is gone or /proc is missing: no sample.
    }
    return 0;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
