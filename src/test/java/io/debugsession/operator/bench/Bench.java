package io.debugsession.operator.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Small helpers of the benchmark: percentiles, sleeping. */
final class Bench {

  private Bench() {}

  /** The nearest-rank percentile {@code q} (0-100) of {@code samples}, in milliseconds with one decimal. */
  static double percentileMillis(List<Duration> samples, double q) {
    if (samples.isEmpty()) {
      return Double.NaN;
    }
    List<Duration> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(q / 100.0 * sorted.size());
    Duration d = sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    return Math.round(d.toNanos() / 100_000.0) / 10.0;
  }

  static double mib(long bytes) {
    return Math.round(bytes / 1024.0 / 1024.0 * 10) / 10.0;
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
