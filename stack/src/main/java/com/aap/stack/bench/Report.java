package com.aap.stack.bench;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The benchmark's printed table. */
final class Report {

  private Report() {
  }

  static String table(String setting, List<Result> results) {
    var out = new StringBuilder("Benchmark: ").append(setting).append('\n');
    out.append(String.format(Locale.ROOT, "%-28s %7s %7s %11s %8s %8s %12s %10s%n",
        "run", "stores", "ok", "stores/min", "p50 s", "p95 s", "CPU s/store", "peak MiB"));
    for (Result r : results) {
      out.append(String.format(Locale.ROOT, "%-28s %7d %7d %11.1f %8.2f %8.2f %12.3f %10s%n",
          r.name(), r.stores(), r.succeeded(), r.storesPerMinute(), r.percentile(50), r.percentile(95),
          r.cpuSecondsPerStore(), r.peakMemoryBytes() == 0 ? "-" : String.valueOf(r.peakMemoryBytes() >> 20)));
    }
    Result baseline = find(results, "baseline");
    for (Result r : results) {
      if (r.name().startsWith("product") && baseline != null) {
        out.append(String.format(Locale.ROOT, "Throughput ratio, %s / baseline: %.1fx%n",
            r.name(), r.storesPerMinute() / baseline.storesPerMinute()));
      }
    }
    out.append("Where the time goes (mean seconds per store):\n");
    for (Result r : results) {
      out.append(String.format(Locale.ROOT, "  %-28s %s%n", r.name(), r.phaseMeans().entrySet().stream()
          .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue()))
          .collect(Collectors.joining(", "))));
    }
    return out.toString();
  }

  private static Result find(List<Result> results, String prefix) {
    return results.stream().filter(r -> r.name().startsWith(prefix)).findFirst().orElse(null);
  }
}
