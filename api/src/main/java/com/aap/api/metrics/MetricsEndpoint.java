package com.aap.api.metrics;

import com.aap.api.http.ApiException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code GET /metrics}: every meter in Prometheus' text format, the job gauges read from PostgreSQL first
 * (see {@link JobGauges}). 404 when metrics are off; 401 without the bearer token when {@code METRICS_TOKEN}
 * is set.
 */
public final class MetricsEndpoint implements Handler<RoutingContext> {

  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final ApiMetrics metrics;
  private final byte[] expected;
  private final JobGauges gauges;

  public MetricsEndpoint(Pool pool, ApiMetrics metrics, MetricsSettings settings) {
    this.metrics = metrics;
    this.expected = settings.token() == null ? null : ("Bearer " + settings.token()).getBytes(StandardCharsets.UTF_8);
    this.gauges = metrics.enabled() ? new JobGauges(pool, metrics) : null;
  }

  @Override
  public void handle(RoutingContext rc) {
    if (gauges == null) {
      rc.fail(ApiException.notFound("/metrics (METRICS_ENABLED is false)"));
      return;
    }
    if (!authorized(rc.request().getHeader("Authorization"))) {
      rc.fail(new ApiException(401, "unauthorized", "present the metrics token (Authorization: Bearer METRICS_TOKEN)"));
      return;
    }
    gauges.fresh().onComplete(done -> {
      if (rc.response().closed()) return;
      rc.response().putHeader("Content-Type", CONTENT_TYPE).putHeader("Cache-Control", "no-store").end(metrics.scrape());
    });
  }

  /** Compared in constant time, like every other secret the API checks. */
  private boolean authorized(String header) {
    if (expected == null) return true;
    return header != null && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
  }
}
