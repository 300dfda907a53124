package com.aap.api.metrics;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Jobs by state and error code, and each CJ login's queue, read from PostgreSQL when scraped and kept for
 * {@value #MAX_AGE_SECONDS} s. Read, not counted at transitions: the jobs table is the truth whichever API
 * instance (or an operator's SQL, or a trigger) moved a job, it survives restarts, and every instance reports
 * the same figures (a dashboard takes their max, not their sum).
 *
 * <p>The CJ login is a label (its id, never its email): the {@value #MAX_LOGINS} logins with the most queued
 * jobs are named, the rest are summed into {@code other}, so an agency with many logins cannot blow up the
 * series count.
 */
final class JobGauges {

  private static final Logger log = LoggerFactory.getLogger(JobGauges.class);
  static final int MAX_AGE_SECONDS = 5;
  static final int MAX_LOGINS = 50;

  private static final String JOBS = """
      SELECT kind, state, coalesce(error_code, 'none') AS error_code, count(*) AS jobs
        FROM jobs GROUP BY kind, state, coalesce(error_code, 'none')""";

  /** Every CJ login, with or without queued jobs, so a queue that empties shows 0. */
  private static final String QUEUES = """
      SELECT l.id::text AS cj_login, count(q.id) AS depth,
             coalesce(extract(epoch FROM now() - min(q.available_at) FILTER (WHERE q.available_at <= now())), 0)::float8
               AS oldest
        FROM cj_logins l
        LEFT JOIN (SELECT j.id, j.available_at, s.cj_login_id FROM jobs j JOIN stores s ON s.id = j.store_id
                    WHERE j.state = 'queued') q ON q.cj_login_id = l.id
       GROUP BY l.id ORDER BY depth DESC, l.id""";

  private final Pool pool;
  private final MultiGauge jobs;
  private final MultiGauge depth;
  private final MultiGauge oldest;
  private long readAt;
  private boolean read;
  private Future<Void> reading;

  JobGauges(Pool pool, ApiMetrics metrics) {
    this.pool = pool;
    this.jobs = MultiGauge.builder("aap.jobs")
        .description("Jobs by kind, state and last error code (none: no error), from PostgreSQL")
        .register(metrics.registry());
    this.depth = MultiGauge.builder("aap.queue.depth")
        .description("Queued jobs per CJ login, with those waiting out a retry's backoff")
        .register(metrics.registry());
    this.oldest = MultiGauge.builder("aap.queue.oldest.age").baseUnit("seconds")
        .description("How long each CJ login's oldest claimable queued job has waited (0: none waits)")
        .register(metrics.registry());
  }

  /** Done when the gauges are at most {@value #MAX_AGE_SECONDS} s old; one read at a time. */
  synchronized Future<Void> fresh() {
    if (reading != null) return reading;
    if (read && System.nanoTime() - readAt < TimeUnit.SECONDS.toNanos(MAX_AGE_SECONDS)) return Future.succeededFuture();
    Future<Void> current = pool.query(JOBS).execute().compose(rows -> {
      jobs.register(jobRows(rows), true);
      return pool.query(QUEUES).execute();
    }).map(rows -> {
      queueRows(rows);
      return (Void) null;
    }).recover(e -> {
      log.warn("metrics: cannot read the job gauges from PostgreSQL: {}", e.toString());
      return Future.succeededFuture();
    });
    reading = current;
    current.onComplete(done -> finished());
    return current;
  }

  private synchronized void finished() {
    reading = null;
    read = true;
    readAt = System.nanoTime();
  }

  private static List<MultiGauge.Row<?>> jobRows(RowSet<Row> rows) {
    List<MultiGauge.Row<?>> result = new ArrayList<>();
    for (Row row : rows) {
      result.add(MultiGauge.Row.of(Tags.of("kind", row.getString("kind"), "state", row.getString("state"),
          "error_code", row.getString("error_code")), row.getLong("jobs")));
    }
    return result;
  }

  private void queueRows(RowSet<Row> rows) {
    List<MultiGauge.Row<?>> depths = new ArrayList<>();
    List<MultiGauge.Row<?>> ages = new ArrayList<>();
    long otherDepth = 0;
    double otherAge = 0;
    int named = 0;
    for (Row row : rows) {
      long queued = row.getLong("depth");
      double age = row.getDouble("oldest");
      if (named++ < MAX_LOGINS) {
        Tags login = Tags.of("cj_login", row.getString("cj_login"));
        depths.add(MultiGauge.Row.of(login, queued));
        ages.add(MultiGauge.Row.of(login, age));
      } else {
        otherDepth += queued;
        otherAge = Math.max(otherAge, age);
      }
    }
    if (named > MAX_LOGINS) {
      depths.add(MultiGauge.Row.of(Tags.of("cj_login", "other"), otherDepth));
      ages.add(MultiGauge.Row.of(Tags.of("cj_login", "other"), otherAge));
    }
    depth.register(depths, true);
    oldest.register(ages, true);
  }
}
