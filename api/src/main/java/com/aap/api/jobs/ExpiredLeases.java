package com.aap.api.jobs;

import com.aap.api.JobSettings;
import com.aap.protocol.JobState;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives back jobs whose agent went silent: a running job whose lease (JOB_LEASE_SECONDS, renewed by
 * heartbeats and steps) expired before a token was handed over is queued again, or failed once it used
 * all its attempts. The first sweep waits one lease after start-up, so agents that kept working while
 * this API was down get to heartbeat before their jobs are taken from them.
 */
public final class ExpiredLeases extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(ExpiredLeases.class);

  private final Pool pool;
  private final JobStore store;
  private final JobSettings settings;

  public ExpiredLeases(Pool pool, JobStore store, JobSettings settings) {
    this.pool = pool;
    this.store = store;
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(settings.leaseSeconds() * 1000L, settings.sweepEvery().toMillis(), id -> sweep());
    return Future.succeededFuture();
  }

  private void sweep() {
    store.expireLeases(pool)
        .onSuccess(expired -> {
          for (JobStore.Expired job : expired) {
            JobLog.warn(log, job.id(), "job {} lease expired: now {}", job.id(), job.state());
            if (job.state() == JobState.QUEUED) vertx.eventBus().publish(Signals.JOB_QUEUED, "");
          }
        })
        .onFailure(e -> log.warn("cannot expire leases: {}", e.toString()));
  }
}
