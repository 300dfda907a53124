package com.aap.stack.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * scripts/bench: this product against the plain Playwright script a user would otherwise write, on the
 * same machine, sandbox and parallelism, in one invocation. Options (defaults in brackets):
 * --stores N [1000], --logins K [5], --concurrency C[,C...] [2], --latency-ms L [0],
 * --clicks M [20] single provisions on an idle system, --no-baseline.
 */
public final class Bench {

  private Bench() {
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.aap"))
        .setLevel(ch.qos.logback.classic.Level.WARN); // the table is the output
    Path workDir = Path.of("target", "bench");
    List<Result> results = new ArrayList<>();
    try (BenchStack stack = new BenchStack()) {
      if (options.latencyMillis > 0) {
        stack.rest.put(stack.sandbox.baseUrl() + "/_sandbox/config",
            Map.of("latencyMillis", options.latencyMillis, "apiLatencyMillis", options.latencyMillis));
      }
      ProductRun product = new ProductRun(stack, workDir);
      for (int concurrency : options.concurrency) {
        List<BenchStack.Store> stores = stack.seed("c" + concurrency, options.stores, options.logins);
        Process agent = product.startAgent(concurrency);
        try {
          results.add(product.run("product, concurrency " + concurrency, stores, agent, Duration.ofHours(1)));
          if (options.clicks > 0 && concurrency == options.concurrency[0]) {
            results.add(product.singleClicks(stack.seed("click" + concurrency, options.clicks, 1), agent));
          }
        } finally {
          agent.destroy();
          agent.waitFor();
        }
      }
      if (options.baseline) {
        List<BenchStack.Store> stores = stack.seed("baseline", options.stores, options.logins);
        results.add(new BaselineScript(stack.sandbox.baseUrl() + "/", options.concurrency[0]).run(stores));
      }
    }
    System.out.println(Report.table(options.describe(), results));
    System.exit(0);
  }

  record Options(int stores, int logins, int[] concurrency, int latencyMillis, int clicks, boolean baseline) {
    static Options parse(String[] args) {
      int stores = 1000;
      int logins = 5;
      int[] concurrency = {2};
      int latency = 0;
      int clicks = 20;
      boolean baseline = true;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--stores" -> stores = Integer.parseInt(args[++i]);
          case "--logins" -> logins = Integer.parseInt(args[++i]);
          case "--concurrency" -> concurrency = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
          case "--latency-ms" -> latency = Integer.parseInt(args[++i]);
          case "--clicks" -> clicks = Integer.parseInt(args[++i]);
          case "--no-baseline" -> baseline = false;
          default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see scripts/bench)");
        }
      }
      return new Options(stores, logins, concurrency, latency, clicks, baseline);
    }

    String describe() {
      return stores + " stores over " + logins + " CJ logins, sandbox latency " + latencyMillis + " ms, "
          + Runtime.getRuntime().availableProcessors() + " cores";
    }
  }
}
