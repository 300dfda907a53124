package com.aap.api.agentapi;

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

/** {@code POST /agent/v1/jobs/{id}/steps} and {@code /failure}: what an agent reports about its job. */
public final class Reports {

  private static final Logger log = LoggerFactory.getLogger(Reports.class);
  private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,64}");
  private static final Pattern KIND = Pattern.compile("permanent|transient|unexpected");

  private final Pool pool;

  public Reports(Pool pool) {
    this.pool = pool;
  }

  public Future<Reply> step(RoutingContext rc) {
    UUID jobId = JobIds.parse(rc.pathParam("id"));
    Fields fields = new Fields(Bodies.object(rc));
    String name = fields.text("name", NAME, "must be 1 to 64 lower-case letters, digits or '_'");
    fields.check();
    return pool.preparedQuery(AgentSql.ADD_STEP_IF_RUNNING).execute(Tuple.of(jobId, name)).compose(rows -> {
      if (rows.rowCount() == 1) return Future.succeededFuture(Reply.noContent());
      return notRunning(jobId);
    });
  }

  private Future<Reply> notRunning(UUID jobId) {
    return pool.preparedQuery(AgentSql.JOB_STATE).execute(Tuple.of(jobId)).map(rows -> {
      if (rows.size() == 0) throw ApiException.notFound("job " + jobId);
      throw ApiException.conflict("job_not_running", "job " + jobId + " is " + rows.iterator().next().getString("state"));
    });
  }

  public Future<Reply> failure(RoutingContext rc) {
    UUID jobId = JobIds.parse(rc.pathParam("id"));
    JsonObject body = Bodies.object(rc);
    Fields fields = new Fields(body);
    String code = fields.text("code", NAME, "must be 1 to 64 lower-case letters, digits or '_'");
    String kind = fields.text("kind", KIND, "must be permanent, transient or unexpected");
    String message = body.getValue("message") instanceof String text && !text.isBlank() ? text : null;
    String step = fields.optionalText("step", NAME, "must be 1 to 64 lower-case letters, digits or '_'");
    fields.check();
    Failure failure = new Failure(jobId, code, kind, truncate(message), step);
    return pool.withTransaction(conn -> record(conn, failure))
        .map(state -> Reply.ok(new JsonObject().put("state", state)));
  }

  private Future<String> record(SqlConnection conn, Failure failure) {
    return conn.preparedQuery(AgentSql.LOCK_JOB).execute(Tuple.of(failure.jobId)).compose(rows -> {
      if (rows.size() == 0) throw ApiException.notFound("job " + failure.jobId);
      Row job = rows.iterator().next();
      if (!"running".equals(job.getString("state"))) {
        throw ApiException.conflict("job_not_running", "job " + failure.jobId + " is " + job.getString("state"));
      }
      return conn.preparedQuery(AgentSql.CAPTURED).execute(Tuple.of(failure.jobId)).compose(captured -> {
        if (captured.size() > 0) {
          throw ApiException.conflict("token_already_stored", "job " + failure.jobId + " already has its token");
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
        if (state.equals("queued")) availableAt = availableAt.plus(Backoff.afterAttempt(attempts));
      }
    }
    Tuple params = Tuple.of(failure.jobId, state, failure.code, failure.message, availableAt);
    return conn.preparedQuery(AgentSql.FAIL).execute(params).map(rows -> {
      if (rows.rowCount() != 1) throw new IllegalStateException("job " + failure.jobId + " changed under its lock");
      log.info("job {} {} after {} failure {} at step {} (attempt {} of {})", failure.jobId, state, failure.kind,
          failure.code, failure.step, attempts, maxAttempts);
      return state;
    });
  }

  private static String truncate(String message) {
    return message == null || message.length() <= 1000 ? message : message.substring(0, 1000);
  }

  private record Failure(UUID jobId, String code, String kind, String message, String step) {
  }
}
