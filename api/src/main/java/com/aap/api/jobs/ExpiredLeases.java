package com.aap.api.jobs;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives back jobs whose agent went silent: a running job whose lease (15 minutes, renewed by every step)
 * expired before a token was handed over is queued again, or failed once it used all its attempts.
 */
public final class ExpiredLeases extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(ExpiredLeases.class);
  static final long SWEEP_MS = 30_000;

  static final String EXPIRE = """
      UPDATE jobs SET state = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
                      error_code = 'agent_lease_expired',
                      error_message = 'the agent stopped reporting before handing over a token',
                      claimed_by = NULL, lease_expires_at = NULL, available_at = now(), updated_at = now()
       WHERE state = 'running' AND lease_expires_at < now()
         AND NOT EXISTS (SELECT 1 FROM captured_tokens c WHERE c.job_id = jobs.id)
      RETURNING id, state""";

  private final Pool pool;

  public ExpiredLeases(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(SWEEP_MS, id -> sweep());
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
