package com.aap.api.metrics;

import com.aap.api.jobs.StepClock;
import com.aap.protocol.Step;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The API's meters, in one Prometheus registry per API instance (tests run several in one JVM), which
 * Vert.x's own HTTP server, client and pool metrics also go to. Labels are bounded sets: a step, an outcome,
 * an HTTP status, a route template; never a job, store or token. With metrics off every meter here is a
 * no-op (an empty composite registry) and Vert.x runs without its metrics SPI.
 */
public final class ApiMetrics {

  /** The steps whose time since the job's previous step is worth a histogram: each is a phase's end. */
  private static final Set<Step> TIMED_STEPS = EnumSet.of(Step.CLAIMED, Step.SIGNING_IN, Step.SIGNED_IN,
      Step.COMPANY_SELECTED, Step.REGISTERING, Step.TOKEN_STORED, Step.TOKEN_VERIFIED);
  /** From a fast hand-over to a long queue wait. */
  private static final Duration[] STEP_BUCKETS = seconds(0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800);
  private static final Duration[] CJ_BUCKETS = seconds(0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30);

  private final MeterRegistry registry;
  private final PrometheusMeterRegistry prometheus;

  private ApiMetrics(MeterRegistry registry, PrometheusMeterRegistry prometheus) {
    this.registry = registry;
    this.prometheus = prometheus;
  }

  public static ApiMetrics create(MetricsSettings settings) {
    if (!settings.enabled()) return off();
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    return new ApiMetrics(prometheus, prometheus);
  }

  /** Every meter a no-op. */
  public static ApiMetrics off() {
    return new ApiMetrics(new CompositeMeterRegistry(), null);
  }

  /**
   * The Vert.x instance the API runs on; with metrics on, with vertx-micrometer's HTTP server, HTTP client,
   * pool and JVM metrics in this registry. Labels: the route template, never the path (it holds ids), and
   * no remote or local address. The event bus carries only in-process wake-ups: not measured.
   */
  public Vertx vertx() {
    if (prometheus == null) return Vertx.vertx();
    MicrometerMetricsOptions options = new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
        .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME,
            Label.CLIENT_NAME, Label.NAMESPACE))
        .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS);
    return Vertx.builder().with(new VertxOptions().setMetricsOptions(options))
        .withMetrics(new MicrometerMetricsFactory(prometheus)).build();
  }

  public boolean enabled() {
    return prometheus != null;
  }

  /** The Prometheus text of every meter. */
  String scrape() {
    return prometheus.scrape();
  }

  MeterRegistry registry() {
    return registry;
  }

  /** For {@link com.aap.api.jobs.JobStore}: each logged step and the seconds since the job's previous one. */
  public StepClock steps() {
    return (step, seconds) -> {
      if (!TIMED_STEPS.contains(step)) return;
      Timer.builder("aap.job.step").description("Time from a job's previous step to this one (claimed: the wait "
              + "in the queue; token_verified: CJ's verification)")
          .tag("step", step.wire()).serviceLevelObjectives(STEP_BUCKETS).register(registry)
          .record((long) (seconds * 1e9), TimeUnit.NANOSECONDS);
    };
  }

  /** An agent's token hand-over: stored, repeated, surplus (a second token), after_cancel, look_only. */
  public void handover(String outcome) {
    count("aap.token.handovers", "Tokens agents handed over, by what became of them", outcome);
  }

  /**
   * One verification of a captured token with CJ: verified, superseded, refused or postponed (asked again
   * later), or the error code it ended the job with.
   */
  public void verification(String outcome) {
    count("aap.token.verifications", "Verifications of captured tokens with CJ, by outcome", outcome);
  }

  /** A commission sync run's end (succeeded, failed, token_refused), and the records it read. */
  public void syncRun(String outcome, int records) {
    count("aap.sync.runs", "Commission sync runs (a store's retrieval), by outcome", outcome);
    Counter.builder("aap.sync.records").description("Commission records read from CJ").register(registry)
        .increment(records);
  }

  /** One call to CJ's Commission Detail API: verify or page; the HTTP status, or unreachable. */
  public void cjCall(String operation, String status, long nanos) {
    Timer.builder("aap.cj.api").description("Calls to CJ's Commission Detail API, by operation and HTTP status")
        .tags("operation", operation, "status", status).serviceLevelObjectives(CJ_BUCKETS).register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  private void count(String name, String description, String outcome) {
    Counter.builder(name).description(description).tag("outcome", outcome).register(registry).increment();
  }

  private static Duration[] seconds(double... values) {
    Duration[] durations = new Duration[values.length];
    for (int i = 0; i < values.length; i++) durations[i] = Duration.ofNanos((long) (values[i] * 1e9));
    return durations;
  }
}
