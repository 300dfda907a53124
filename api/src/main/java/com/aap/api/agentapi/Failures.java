package com.aap.api.agentapi;

import com.aap.api.JobSettings;
import com.aap.api.http.ApiException;
import com.aap.api.http.Bodies;
import com.aap.api.http.Fields;
import com.aap.api.http.Reply;
import com.aap.api.jobs.JobIds;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code POST /agent/v1/jobs/{id}/failure} {@code {code, kind, message, step, lease, screenshot?}}:
 * permanent -> failed; transient -> queued again after a backoff, or failed when out of attempts;
 * unexpected -> needs_attention, with the agent's masked screenshot kept for a specialist.
 */
final class Failures {

  private static final Logger log = LoggerFactory.getLogger(Failures.class);
  private static final Pattern KIND = Pattern.compile("permanent|transient|unexpected");

  private final Pool pool;
  private final JobSettings settings;

  Failures(Pool pool, JobSettings settings) {
    this.pool = pool;
    this.settings = settings;
  }

  Future<Reply> report(RoutingContext rc) {
    UUID jobId = JobIds.parse(rc.pathParam("id"));
    JsonObject body = Bodies.object(rc);
    Fields fields = new Fields(body);
    String code = fields.text("code", Reports.NAME, "must be 1 to 64 lower-case letters, digits or '_'");
    String kind = fields.text("kind", KIND, "must be permanent, transient or unexpected");
    String message = body.getValue("message") instanceof String text && !text.isBlank() ? text : null;
    String step = body.getValue("step") instanceof String s && s.isEmpty() ? null
        : fields.optionalText("step", Reports.NAME, "must be 1 to 64 lower-case letters, digits or '_'");
    Long epoch = Lease.read(body, fields);
    byte[] screenshot = Screenshots.read(body, fields);
    fields.check();
    Failure failure = new Failure(jobId, code, kind, truncate(message), step, epoch, screenshot);
    return pool.withTransaction(conn -> record(conn, failure))
        .map(state -> Reply.ok(new JsonObject().put("state", state)));
  }

  private Future<String> record(SqlConnection conn, Failure failure) {
    return conn.preparedQuery(AgentSql.LOCK_JOB).execute(Tuple.of(failure.jobId)).compose(rows -> {
      if (rows.size() == 0) throw ApiException.notFound("job " + failure.jobId);
      Row job = rows.iterator().next();
      return conn.preparedQuery(AgentSql.CAPTURED).execute(Tuple.of(failure.jobId)).compose(captured -> {
        if (captured.size() > 0) {
          throw ApiException.conflict("token_already_stored", "job " + failure.jobId + " already has its token");
        }
        if (!"running".equals(job.getString("state")) || job.getLong("lease_epoch") != failure.epoch) {
          throw Lease.lost(failure.jobId, job.getString("state"), job.getLong("lease_epoch"), failure.epoch);
        }
        return transition(conn, failure, job.getInteger("attempts"), job.getInteger("max_attempts"));
      });
    });
  }

  private Future<String> transition(SqlConnection conn, Failure failure, int attempts, int maxAttempts) {
    String state;
    OffsetDateTime availableAt = OffsetDateTime.now(ZoneOffset.UTC);
    switch (failure.kind) {
      case "permanent" -> state = "failed";
      case "unexpected" -> state = "needs_attention";
      default -> {
        state = attempts >= maxAttempts ? "failed" : "queued";
        if (state.equals("queued")) {
          availableAt = availableAt.plus(Backoff.afterAttempt(attempts, settings.backoffBaseMillis()));
        }
      }
    }
    Tuple params = Tuple.of(failure.jobId, state, failure.code, failure.message, availableAt, failure.step,
        failure.epoch);
    return conn.preparedQuery(AgentSql.FAIL).execute(params)
        .compose(rows -> {
          if (rows.rowCount() != 1) throw new IllegalStateException("job " + failure.jobId + " changed under its lock");
          return failure.screenshot == null ? Future.succeededFuture()
              : conn.preparedQuery(AgentSql.SAVE_SCREENSHOT).execute(Tuple.of(failure.jobId, failure.screenshot));
        })
        .map(v -> {
          log.info("job {} {} after {} failure {} at step {} (attempt {} of {}{})", failure.jobId, state, failure.kind,
              failure.code, failure.step, attempts, maxAttempts, failure.screenshot == null ? "" : ", screenshot kept");
          return state;
        });
  }

  private static String truncate(String message) {
    return message == null || message.length() <= 1000 ? message : message.substring(0, 1000);
  }

  private record Failure(UUID jobId, String code, String kind, String message, String step, long epoch,
                         byte[] screenshot) {
  }
}
