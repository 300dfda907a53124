package com.aap.api.jobs;

import com.aap.api.http.ApiException;
import com.aap.api.http.Bodies;
import com.aap.api.http.Fields;
import com.aap.api.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code POST /api/stores/{id}/provision} (with an optional {@code Idempotency-Key}), {@code GET /api/jobs/{id}},
 * and the specialist's controls: retry, cancel, the failure screenshot.
 */
public final class Jobs {

  private static final Logger log = LoggerFactory.getLogger(Jobs.class);
  public static final String DEFAULT_TOKEN_NAME = "affiliate_advertiser_pro_app";
  private static final Pattern TOKEN_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private final Vertx vertx;
  private final Pool pool;
  private final JobStore store;
  private final JobControls controls;

  public Jobs(Vertx vertx, Pool pool, JobStore store) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.controls = new JobControls(vertx, pool, store);
  }

  /** {@code POST /api/jobs/{id}/retry}. */
  public Future<Reply> retry(RoutingContext rc) {
    return controls.retry(JobIds.parse(rc.pathParam("id")));
  }

  /** {@code POST /api/jobs/{id}/cancel}. */
  public Future<Reply> cancel(RoutingContext rc) {
    return controls.cancel(JobIds.parse(rc.pathParam("id")));
  }

  /** {@code GET /api/jobs/{id}/screenshot}: the masked PNG the agent sent with its failure report. */
  public void screenshot(RoutingContext rc) {
    controls.screenshot(rc);
  }

  public Future<Reply> provision(RoutingContext rc) {
    String storeId = rc.pathParam("id");
    JsonObject body = Bodies.optionalObject(rc);
    Fields fields = new Fields(body);
    String tokenName = fields.optionalText("tokenName", TOKEN_NAME, "must be 1 to 64 letters, digits, '_', '.' or '-'");
    Object replaceValue = body.getValue("replace");
    if (replaceValue != null && !(replaceValue instanceof Boolean)) fields.problem("replace", "must be true or false");
    fields.check();
    JobStore.NewJob job = JobStore.NewJob.provision(storeId, tokenName == null ? DEFAULT_TOKEN_NAME : tokenName,
        Boolean.TRUE.equals(replaceValue));
    String key = IdempotencyKeys.of(rc);
    return pool.preparedQuery(JobSql.STORE_AUTHORIZATION).execute(Tuple.of(storeId))
        .compose(rows -> {
          if (rows.size() == 0) throw ApiException.notFound("store " + storeId);
          Row store = rows.iterator().next();
          if (store.getLocalDate("agency_signed_on") == null) {
            throw ApiException.conflict("no_agency_authorization",
                "store " + storeId + " has no agency authorization; record it before provisioning");
          }
          if (store.getOffsetDateTime("token_verified_at") != null && !job.replace()) {
            throw ApiException.conflict("token_exists", "store " + storeId + " already has a verified CJ token;"
                + " provision with {\"replace\": true} to register a new one (the old one is then listed for revocation)");
          }
          if (key == null) return pool.withTransaction(conn -> insertOrFindActive(conn, job));
          return pool.withTransaction(conn -> IdempotencyKeys.answer(conn, storeId, key,
              () -> insertOrFindActive(conn, job)));
        })
        .map(reply -> {
          boolean repeat = IdempotencyKeys.isRepeat(reply);
          if (reply.status() == 202 && !repeat) {
            String jobId = reply.body().getString("jobId");
            JobLog.info(log, jobId, "job {} queued for store {}", jobId, storeId);
            vertx.eventBus().publish(Signals.JOB_QUEUED, jobId);
          }
          return reply;
        });
  }

  private Future<Reply> insertOrFindActive(SqlConnection conn, JobStore.NewJob newJob) {
    return store.queue(conn, List.of(newJob)).map(queued -> {
      if (queued.isEmpty()) {
        throw ApiException.conflict("provisioning_race", "the store's job changed state meanwhile; try again");
      }
      JobStore.Queued job = queued.get(0);
      JsonObject ref = new JsonObject().put("jobId", job.jobId().toString()).put("state", job.state().wire());
      return job.created() ? new Reply(202, ref) : Reply.ok(ref);
    });
  }

  public Future<Reply> get(RoutingContext rc) {
    UUID id = JobIds.parse(rc.pathParam("id"));
    return store.find(pool, id).compose(rows -> {
      if (rows.size() == 0) throw ApiException.notFound("job " + id);
      JsonObject job = toJson(rows.iterator().next());
      return store.steps(pool, id).map(steps -> {
        JsonArray list = new JsonArray();
        steps.forEach(s -> list.add(new JsonObject().put("name", s.getString("name"))
            .put("at", s.getOffsetDateTime("at").toInstant().toString())));
        return Reply.ok(job.put("steps", list));
      });
    });
  }

  private static JsonObject toJson(Row row) {
    JsonObject job = new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("storeId", row.getString("store_id"))
        .put("kind", row.getString("kind"))
        .put("register", row.getBoolean("register"))
        .put("state", row.getString("state"))
        .put("attempts", row.getInteger("attempts"))
        .put("tokenName", row.getString("token_name"))
        .put("hasScreenshot", row.getBoolean("has_screenshot"));
    if (row.getString("error_code") != null) {
      job.put("error", new JsonObject().put("code", row.getString("error_code"))
          .put("message", row.getString("error_message")).put("step", row.getString("error_step")));
    }
    return job;
  }
}
