package com.aap.api.agentapi;

import com.aap.api.http.ApiException;
import com.aap.api.http.Bodies;
import com.aap.api.http.Fields;
import com.aap.api.http.Reply;
import com.aap.api.jobs.JobIds;
import com.aap.api.jobs.JobLog;
import com.aap.api.jobs.JobStore;
import com.aap.protocol.ErrorCode;
import com.aap.protocol.FailureKind;
import com.aap.protocol.JobState;
import com.aap.protocol.Refusal;
import com.aap.protocol.Step;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * {@code POST /agent/v1/jobs/{id}/failure} {@code {code, kind?, message, step, lease, screenshot?}}: the
 * code's kind decides (docs/design.md): permanent -> failed; transient -> queued again after a backoff, or
 * failed when out of attempts; unexpected -> needs_attention, with the agent's masked screenshot kept for
 * a specialist. A {@code kind} sent along must be the code's own.
 */
final class Failures {

  private static final Logger log = LoggerFactory.getLogger(Failures.class);
  private static final String NAME_RULE = "must be 1 to 64 lower-case letters, digits or '_'";

  private final Pool pool;
  private final JobStore store;

  Failures(Pool pool, JobStore store) {
    this.pool = pool;
    this.store = store;
  }

  Future<Reply> report(RoutingContext rc) {
    Failure failure = read(rc, false);
    return pool.withTransaction(conn -> record(conn, failure))
        .map(state -> Reply.ok(new JsonObject().put("state", state.wire())));
  }

  /**
   * The failure report in the request, checked (400 naming each bad field); {@code reason}: it is the reason
   * a job waits for a person, so its code must be of kind unexpected (one a person may resolve).
   */
  static Failure read(RoutingContext rc, boolean reason) {
    UUID jobId = JobIds.parse(rc.pathParam("id"));
    JsonObject body = Bodies.object(rc);
    Fields fields = new Fields(body);
    String codeName = fields.text("code", Reports.NAME, NAME_RULE);
    ErrorCode code = ErrorCode.find(codeName);
    if (codeName != null && code == null) fields.problem("code", "must be one of the agent protocol's error codes");
    String kindName = fields.optionalText("kind", Reports.NAME, NAME_RULE);
    FailureKind kind = FailureKind.find(kindName);
    if (kindName != null && kind == null) fields.problem("kind", "must be permanent, transient or unexpected");
    if (kind != null && code != null && kind != code.kind()) {
      fields.problem("kind", "must be " + code.kind() + ", the kind of " + code);
    }
    String message = body.getValue("message") instanceof String text && !text.isBlank() ? text : null;
    if (message != null && Fields.hasNul(message)) fields.problem("message", Fields.NUL_PROBLEM);
    String stepName = body.getValue("step") instanceof String s && s.isEmpty() ? null
        : fields.optionalText("step", Reports.NAME, NAME_RULE);
    Step step = Step.find(stepName);
    if (stepName != null && step == null) fields.problem("step", "must be one of the job's steps");
    if (reason && code != null && code.kind() != FailureKind.UNEXPECTED) {
      fields.problem("code", "must be a code of kind unexpected (a page a person may pass), not " + code.kind());
    }
    Long lease = Lease.read(body, fields);
    byte[] screenshot = Screenshots.read(body, fields);
    fields.check();
    return new Failure(jobId, code, truncate(message), step, lease, screenshot);
  }

  private Future<JobState> record(SqlConnection conn, Failure failure) {
    return store.lock(conn, failure.jobId).compose(job -> conn.preparedQuery(AgentSql.CAPTURED)
        .execute(Tuple.of(failure.jobId)).compose(captured -> {
          if (captured.size() > 0) {
            throw ApiException.conflict(Refusal.TOKEN_ALREADY_STORED.wire(), "job " + failure.jobId + " already has its token");
          }
          if (!job.isHeldUnder(failure.lease)) {
            throw JobStore.leaseLost(failure.jobId, job.state(), job.lease(), failure.lease);
          }
          return store.fail(conn, job, failure.lease, failure.code, failure.message, failure.step)
              .compose(state -> failure.screenshot == null ? Future.succeededFuture(state)
                  : conn.preparedQuery(AgentSql.SAVE_SCREENSHOT).execute(Tuple.of(failure.jobId, failure.screenshot))
                      .map(state))
              .onSuccess(state -> JobLog.info(log, failure.jobId,
                  "job {} {} after {} failure {} at step {} (attempt {} of {}{})",
                  failure.jobId, state, failure.code.kind(), failure.code, failure.step, job.attempts(),
                  job.maxAttempts(), failure.screenshot == null ? "" : ", screenshot kept"));
        }));
  }

  private static String truncate(String message) {
    return message == null || message.length() <= 1000 ? message : message.substring(0, 1000);
  }

  record Failure(UUID jobId, ErrorCode code, String message, Step step, long lease, byte[] screenshot) {
  }
}
