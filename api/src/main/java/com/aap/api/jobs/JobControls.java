package com.aap.api.jobs;

import com.aap.api.JobSettings;
import com.aap.api.http.ApiException;
import com.aap.api.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/** A specialist's controls over one job: retry a job that ended badly, cancel an active one, see its screenshot. */
final class JobControls {

  private static final Logger log = LoggerFactory.getLogger(JobControls.class);

  private final Vertx vertx;
  private final Pool pool;
  private final JobSettings settings;

  JobControls(Vertx vertx, Pool pool, JobSettings settings) {
    this.vertx = vertx;
    this.pool = pool;
    this.settings = settings;
  }

  Future<Reply> retry(UUID id) {
    return pool.withTransaction(conn -> conn.preparedQuery(JobSql.RETRY).execute(Tuple.of(id, settings.maxAttempts()))
            .compose(rows -> rows.rowCount() == 1 ? Steps.add(conn, id, "retry_requested")
                : refuse(id, "retried", "failed, needs_attention or cancelled")))
        .recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? ApiException.conflict("store_has_active_job", "the store already has an active job; see latestJob")
            : e))
        .map(v -> {
          log.info("job {} queued again by a specialist", id);
          vertx.eventBus().publish(Signals.JOB_QUEUED, id.toString());
          return Reply.ok(new JsonObject().put("jobId", id.toString()).put("state", "queued"));
        });
  }

  Future<Reply> cancel(UUID id) {
    return pool.withTransaction(conn -> conn.preparedQuery(JobSql.CANCEL).execute(Tuple.of(id))
            .compose(rows -> rows.rowCount() == 1 ? Steps.add(conn, id, "cancelled")
                : refuse(id, "cancelled", "queued or running")))
        .map(v -> {
          log.info("job {} cancelled by a specialist", id);
          return Reply.ok(new JsonObject().put("jobId", id.toString()).put("state", "cancelled"));
        });
  }

  private Future<Void> refuse(UUID id, String verb, String allowed) {
    return pool.preparedQuery(JobSql.STATE).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) throw ApiException.notFound("job " + id);
      Row row = rows.iterator().next();
      if (row.getBoolean("has_token")) {
        throw ApiException.conflict("token_already_stored", "job " + id + " already has its token; it cannot be " + verb);
      }
      throw ApiException.conflict("job_not_" + (verb.equals("retried") ? "retryable" : "cancellable"),
          "job " + id + " is " + row.getString("state") + "; only a job that is " + allowed + " can be " + verb);
    });
  }

  void screenshot(RoutingContext rc) {
    UUID id;
    try {
      id = JobIds.parse(rc.pathParam("id"));
    } catch (ApiException e) {
      rc.fail(e);
      return;
    }
    pool.preparedQuery(JobSql.SCREENSHOT).execute(Tuple.of(id)).onSuccess(rows -> {
      if (rows.size() == 0) {
        rc.fail(ApiException.notFound("screenshot of job " + id));
        return;
      }
      rc.response().putHeader("Content-Type", "image/png").putHeader("Cache-Control", "no-store")
          .end(rows.iterator().next().getBuffer("png"));
    }).onFailure(rc::fail);
  }
}
