package com.aap.api.agentapi;

import com.aap.api.http.ApiException;
import com.aap.api.http.Reply;
import com.aap.api.jobs.JobLog;
import com.aap.api.jobs.JobStore;
import com.aap.protocol.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * A job whose sign-in met a page the agent cannot pass waits for a person ({@code POST .../wait-for-person}),
 * and runs again once the page is passed ({@code POST .../resume}). The wait's length is the API's setting
 * ({@code TAKE_OVER_WAIT_SECONDS}), told to the agent, which ends the job as its reason says when nobody
 * finished the page in time. Portal checks never wait: they report what they found.
 */
final class WaitsForPerson {

  private static final Logger log = LoggerFactory.getLogger(WaitsForPerson.class);

  private final Pool pool;
  private final JobStore store;
  private final int waitSeconds;

  WaitsForPerson(Pool pool, JobStore store, int waitSeconds) {
    this.pool = pool;
    this.store = store;
    this.waitSeconds = waitSeconds;
  }

  /** {@code {code, message, step, lease}} -> 200 {@code {waitSeconds}}; 409 {@code take_over_off}. */
  Future<Reply> waitForPerson(RoutingContext rc) {
    Failures.Failure reason = Failures.read(rc, true);
    return pool.withTransaction(conn -> store.lock(conn, reason.jobId()).compose(job -> {
      if (!job.isRunningUnder(reason.lease())) {
        throw JobStore.leaseLost(reason.jobId(), job.state(), job.lease(), reason.lease());
      }
      if (waitSeconds == 0 || job.isPortalCheck()) {
        throw ApiException.conflict(Refusal.TAKE_OVER_OFF.wire(), waitSeconds == 0
            ? "take-over is off (TAKE_OVER_WAIT_SECONDS=0): end the job as before"
            : "a portal check reports what it found; nobody takes it over");
      }
      return store.waitForPerson(conn, reason.jobId(), reason.lease(), reason.code(), reason.message(), reason.step());
    })).map(v -> {
      JobLog.info(log, reason.jobId(),
          "job {} waits up to {} s for a person ({})", reason.jobId(), waitSeconds, reason.code());
      return Reply.ok(new JsonObject().put("waitSeconds", waitSeconds));
    });
  }

  /** {@code {lease}} -> 204: the job runs again, still holding its sign-in slot. */
  Future<Reply> resume(UUID jobId, long lease) {
    return store.resume(pool, jobId, lease).map(v -> {
      JobLog.info(log, jobId, "job {} goes on after a person's take-over", jobId);
      return Reply.noContent();
    });
  }
}
