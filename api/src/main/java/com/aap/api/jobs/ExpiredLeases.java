package com.aap.api.jobs;

import com.aap.api.JobSettings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
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

  static final String EXPIRE = """
      UPDATE jobs SET state = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
                      error_code = 'agent_lease_expired',
                      error_message = 'the agent stopped reporting before handing over a token',
                      error_step = (SELECT s.name FROM job_steps s WHERE s.job_id = jobs.id ORDER BY s.id DESC LIMIT 1),
                      claimed_by = NULL, lease_expires_at = NULL, signing_in_login = NULL, available_at = now(),
                      updated_at = now()
       WHERE state = 'running' AND lease_expires_at < now()
         AND NOT EXISTS (SELECT 1 FROM captured_tokens c WHERE c.job_id = jobs.id)
      RETURNING id, state""";

  private final Pool pool;
  private final JobSettings settings;

  public ExpiredLeases(Pool pool, JobSettings settings) {
    this.pool = pool;
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(settings.leaseSeconds() * 1000L, settings.sweepEvery().toMillis(), id -> sweep());
    return Future.succeededFuture();
  }

  private void sweep() {
    pool.query(EXPIRE).execute()
        .onSuccess(rows -> {
          for (Row row : rows) {
            log.warn("job {} lease expired: now {}", row.getUUID("id"), row.getString("state"));
            if ("queued".equals(row.getString("state"))) vertx.eventBus().publish(Signals.JOB_QUEUED, "");
          }
        })
        .onFailure(e -> log.warn("cannot expire leases: {}", e.toString()));
  }
}
