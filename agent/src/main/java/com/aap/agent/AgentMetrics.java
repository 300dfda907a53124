package com.aap.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's own metrics on {@code AGENT_METRICS_PORT}, {@code GET /metrics} in Prometheus' text format:
 * workers, workers busy (what an autoscaler wants besides the API's queue depth), signed-in sessions held,
 * Chromium restarts, the JVM's memory and the memory of its Chromium. Counts only: no job, store or login.
 */
final class AgentMetrics implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AgentMetrics.class);
  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /**
   * The kernel walks each process's memory map to sum its Pss: about 250 ms of CPU for three Chromiums'
   * 30 processes, which read at every 5 s scrape cost the agent as much CPU as its own work. Memory moves
   * slowly; a minute-old figure is what a dashboard needs.
   */
  static final int PSS_EVERY_SECONDS = 60;

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpServer server;
  private long pssReadAt;
  private double pss;

  private AgentMetrics(int port, List<Worker> workers) throws IOException {
    Gauge.builder("aap.agent.workers", workers, List::size).description("Workers (one Chromium each)")
        .register(registry);
    Gauge.builder("aap.agent.workers.busy", workers, sum(w -> w.busy() ? 1 : 0))
        .description("Workers running a job now").register(registry);
    Gauge.builder("aap.agent.sessions.held", workers, sum(Worker::sessionsHeld))
        .description("Signed-in CJ sessions (browser contexts) the workers keep").register(registry);
    FunctionCounter.builder("aap.agent.chromium.restarts", workers, sum(Worker::chromiumDied)).tag("reason", "died")
        .description("Chromium started again by a worker").register(registry);
    FunctionCounter.builder("aap.agent.chromium.restarts", workers, sum(Worker::chromiumRecycled))
        .tag("reason", "recycled").description("Chromium started again by a worker").register(registry);
    Gauge.builder("aap.agent.browser.memory", this, AgentMetrics::browserMemory).baseUnit("bytes")
        .description("Proportional set size of the agent's child processes (Chromium and Playwright's driver), "
            + "read at most every " + PSS_EVERY_SECONDS + " s")
        .register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/metrics", this::scrape);
    server.start();
  }

  /** Serves the workers' metrics on {@code port} (0: any free port) until closed. */
  static AgentMetrics serve(int port, List<Worker> workers) {
    try {
      AgentMetrics metrics = new AgentMetrics(port, workers);
      log.info("agent metrics on http://localhost:{}/metrics", metrics.port());
      return metrics;
    } catch (IOException e) {
      throw new UncheckedIOException("AGENT_METRICS_PORT " + port + " cannot be listened on: " + e.getMessage(), e);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void scrape(HttpExchange exchange) throws IOException {
    try {
      if (!"/metrics".equals(exchange.getRequestURI().getPath())) {
        exchange.sendResponseHeaders(404, -1);
      } else if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
      } else {
        byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } finally {
      exchange.close();
    }
  }

  private static ToDoubleFunction<List<Worker>> sum(ToDoubleFunction<Worker> each) {
    return workers -> workers.stream().mapToDouble(each).sum();
  }

  /** Read again when a minute old, or when none was found (a Chromium not started yet costs nothing to read). */
  private synchronized double browserMemory() {
    if (pss == 0 || System.nanoTime() - pssReadAt > TimeUnit.SECONDS.toNanos(PSS_EVERY_SECONDS)) {
      pss = childrenPss();
      pssReadAt = System.nanoTime();
    }
    return pss;
  }

  /** The Pss of every descendant process, from /proc (0 where there is none, as off Linux). */
  private static double childrenPss() {
    return ProcessHandle.current().descendants().mapToLong(p -> pss(p.pid())).sum();
  }

  private static long pss(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "smaps_rollup")).stream()
          .filter(line -> line.startsWith("Pss:")).findFirst()
          .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024).orElse(0L);
    } catch (IOException | RuntimeException gone) {
      return 0;
    }
  }

  @Override
  public void close() {
    server.stop(0);
    registry.close();
  }
}
