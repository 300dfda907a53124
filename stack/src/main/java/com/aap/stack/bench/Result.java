package com.aap.stack.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** What one run measured: per-store durations, wall time, CPU, peak memory, and where the time went. */
record Result(String name, int stores, int succeeded, double wallSeconds, double[] perStoreSeconds,
              double cpuSeconds, long peakMemoryBytes, Map<String, Double> phaseSeconds) {

  double storesPerMinute() {
    return succeeded / wallSeconds * 60;
  }

  double percentile(double p) {
    if (perStoreSeconds.length == 0) {
      return Double.NaN;
    }
    double[] sorted = perStoreSeconds.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
  }

  double cpuSecondsPerStore() {
    return cpuSeconds / Math.max(1, stores);
  }

  /** Mean seconds per store spent in each phase. */
  Map<String, Double> phaseMeans() {
    var means = new LinkedHashMap<String, Double>();
    phaseSeconds.forEach((phase, total) -> means.put(phase, total / Math.max(1, succeeded)));
    return means;
  }
}
