package com.aap.stack.bench;

import com.aap.agent.AgentConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * scripts/bench: this product against the plain Playwright script a user would otherwise write, on the
 * same machine, sandbox and parallelism, in one invocation. Options (defaults in brackets):
 * --stores N [1000], --logins K [5], --concurrency C[,C...] [the agent's default: cores + 1], --latency-ms L [0],
 * --clicks M [20] single provisions on an idle system, --warmup W [100] stores run first and not
 * measured (0: none), --no-baseline, --baseline-chromium PATH and --product-chromium PATH [the agent's
 * default, full Chromium]: the Chromium binary each side drives (e.g. /usr/bin/chromium-headless-shell),
 * --no-metrics (the API's /metrics off, METRICS_ENABLED=false, and no agent
 * metrics port), --metrics-out FILE [target/bench/metrics.txt]: with metrics on, the API and the agent are
 * scraped every 5 s (as Prometheus would) and the queue and job gauges of each scrape, then every aap_ sample
 * after each run, go to FILE.
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
    List<String> tokenChecks = new ArrayList<>();
    try (BenchStack stack = new BenchStack(options.metrics);
         MetricsScraper scraper = options.metrics ? new MetricsScraper(options.metricsOut, stack.api.baseUrl()) : null) {
      if (options.latencyMillis > 0) {
        stack.rest.put(stack.sandbox.baseUrl() + "/_sandbox/config",
            Map.of("latencyMillis", options.latencyMillis, "apiLatencyMillis", options.latencyMillis));
      }
      ProductRun product = new ProductRun(stack, workDir, options.productChromium, scraper);
      if (options.warmup > 0) {
        warmUp(product, stack.seed("warmup", options.warmup, options.logins), options.concurrency[0]);
      }
      for (int concurrency : options.concurrency) {
        List<BenchStack.Store> stores = stack.seed("c" + concurrency, options.stores, options.logins);
        Process agent = product.startAgent(concurrency);
        try {
          String name = "product, concurrency " + concurrency;
          results.add(product.run(name, stores, agent, Duration.ofHours(1)));
          if (scraper != null) {
            scraper.everything(name);
          }
          tokenChecks.add(product.checkTokens(name, stores));
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
        results.add(new BaselineScript(stack.sandbox.baseUrl() + "/", options.concurrency[0], options.baselineChromium)
            .run(stores));
      }
    }
    System.out.println(Report.table(options.describe(), results));
    if (options.metrics) {
      System.out.println("Metrics scraped every " + MetricsScraper.EVERY_SECONDS + " s: " + options.metricsOut);
    }
    tokenChecks.forEach(System.out::println);
    System.exit(0);
  }

  /**
   * Runs some stores through the product first, unmeasured, on logins of their own: the API and the
   * sandbox share this JVM, and a cold JIT would otherwise be charged to whichever run comes first.
   */
  private static void warmUp(ProductRun product, List<BenchStack.Store> stores, int concurrency) throws Exception {
    Process agent = product.startAgent(concurrency);
    try {
      product.run("warm-up", stores, agent, Duration.ofHours(1));
    } finally {
      agent.destroy();
      agent.waitFor();
    }
  }

  record Options(int stores, int logins, int[] concurrency, int latencyMillis, int clicks, int warmup,
                 boolean baseline, Path baselineChromium, Path productChromium, boolean metrics, Path metricsOut) {
    static Options parse(String[] args) {
      int stores = 1000;
      int logins = 5;
      int[] concurrency = {AgentConfig.defaultConcurrency()};
      int latency = 0;
      int clicks = 20;
      int warmup = 100;
      boolean baseline = true;
      Path baselineChromium = null;
      Path productChromium = null;
      boolean metrics = true;
      Path metricsOut = Path.of("target", "bench", "metrics.txt");
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--stores" -> stores = Integer.parseInt(args[++i]);
          case "--logins" -> logins = Integer.parseInt(args[++i]);
          case "--concurrency" -> concurrency = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
          case "--latency-ms" -> latency = Integer.parseInt(args[++i]);
          case "--clicks" -> clicks = Integer.parseInt(args[++i]);
          case "--warmup" -> warmup = Integer.parseInt(args[++i]);
          case "--no-baseline" -> baseline = false;
          case "--baseline-chromium" -> baselineChromium = Path.of(args[++i]);
          case "--product-chromium" -> productChromium = Path.of(args[++i]);
          case "--no-metrics" -> metrics = false;
          case "--metrics-out" -> metricsOut = Path.of(args[++i]);
          default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see scripts/bench)");
        }
      }
      return new Options(stores, logins, concurrency, latency, clicks, warmup, baseline,
          baselineChromium != null ? baselineChromium : AgentConfig.findChromium(),
          productChromium != null ? productChromium : AgentConfig.findChromium(), metrics, metricsOut);
    }

    String describe() {
      return stores + " stores over " + logins + " CJ logins, sandbox latency " + latencyMillis + " ms, "
          + Runtime.getRuntime().availableProcessors() + " cores"
          + (warmup > 0 ? " (after a warm-up of " + warmup + " stores, not measured)" : "")
          + (metrics ? ", metrics on (scraped every " + MetricsScraper.EVERY_SECONDS + " s)" : ", metrics off")
          + "\nChromium: product " + productChromium + ", baseline " + baselineChromium;
    }
  }
}
