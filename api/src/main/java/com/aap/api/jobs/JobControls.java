package com.aap.api.jobs;

import com.aap.api.http.ApiException;
import com.aap.api.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/** A specialist's controls over one job: retry a job that ended badly, cancel an active one, see its screenshot. */
final class JobControls {

  private static final Logger log = LoggerFactory.getLogger(JobControls.class);

  private final Vertx vertx;
  private final Pool pool;
  private final JobStore store;

  JobControls(Vertx vertx, Pool pool, JobStore store) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
  }

  Future<Reply> retry(UUID id) {
    return pool.withTransaction(conn -> store.retry(conn, id))
        .map(v -> {
          JobLog.info(log, id, "job {} queued again by a specialist", id);
          vertx.eventBus().publish(Signals.JOB_QUEUED, id.toString());
          return Reply.ok(new JsonObject().put("jobId", id.toString()).put("state", "queued"));
        });
  }

  Future<Reply> cancel(UUID id) {
    return pool.withTransaction(conn -> store.cancel(conn, id))
        .map(v -> {
          JobLog.info(log, id, "job {} cancelled by a specialist", id);
          return Reply.ok(new JsonObject().put("jobId", id.toString()).put("state", "cancelled"));
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
