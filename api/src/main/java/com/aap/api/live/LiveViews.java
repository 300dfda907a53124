package com.aap.api.live;

import com.aap.api.LimitSettings;
import com.aap.api.audit.Audit;
import com.aap.api.auth.Authenticate;
import com.aap.api.auth.Principal;
import com.aap.api.http.ApiException;
import com.aap.api.http.Fields;
import com.aap.api.http.Reply;
import com.aap.api.http.RequestTimeout;
import com.aap.api.jobs.JobIds;
import com.aap.api.jobs.JobLog;
import com.aap.api.jobs.JobStore;
import com.aap.protocol.JobState;
import com.aap.protocol.LiveMessages;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The live take-over of an agent's browser: the agent's WebSocket ({@code /agent/v1/jobs/{id}/live}) and the
 * specialists' ({@code /api/jobs/{id}/live}) meet here, per job. Frames go from the agent to every
 * specialist watching (dropped for a specialist whose connection is behind, never stored); a specialist's
 * clicks, wheel and typing go to the agent, checked and re-encoded, never logged. Each specialist's
 * take-over is audited when it starts and ends. Everything runs on the HTTP verticle's event loop.
 *
 * <p>In memory, per API instance: with several instances, a job's two sockets must reach the same one.
 */
public final class LiveViews {

  private static final Logger log = LoggerFactory.getLogger(LiveViews.class);
  private static final String JOB = "SELECT state, lease_epoch, store_id FROM jobs WHERE id = $1";

  private final Vertx vertx;
  private final Pool pool;
  private final JobStore store;
  private final Audit audit;
  private final Authenticate authenticate;
  private final LimitSettings limits;
  private final Map<UUID, LiveView> byJob = new HashMap<>();

  public LiveViews(Vertx vertx, Pool pool, JobStore store, Audit audit, Authenticate authenticate, LimitSettings limits) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.audit = audit;
    this.authenticate = authenticate;
    this.limits = limits;
  }

  /** {@code GET /agent/v1/jobs/{id}/live?lease=N} (WebSocket): the agent of a job waiting for a person. */
  public void agent(RoutingContext rc) {
    UUID id = JobIds.parse(rc.pathParam("id"));
    long lease = lease(rc.queryParams().get("lease"));
    waiting(id).onFailure(rc::fail).onSuccess(job -> {
      if (job.getLong("lease_epoch") != lease) {
        rc.fail(JobStore.leaseLost(id, JobState.WAITING_FOR_PERSON, job.getLong("lease_epoch"), lease));
        return;
      }
      RequestTimeout.lift(rc);
      rc.request().toWebSocket().onFailure(rc::fail).onSuccess(socket -> view(id).agentJoined(socket));
    });
  }

  /**
   * {@code GET /api/jobs/{id}/live} (WebSocket): a signed-in specialist watches and drives the agent's page.
   * A session only (not an API key), from the page's own origin (a WebSocket is not held to the same-origin
   * rule, so the Origin header is checked here).
   */
  public void specialist(RoutingContext rc) {
    UUID id = JobIds.parse(rc.pathParam("id"));
    Principal principal = Principal.of(rc);
    if (!principal.viaSession()) {
      rc.fail(new ApiException(403, "forbidden", "the live view is for specialists signed in on the page"));
      return;
    }
    if (!sameOrigin(rc)) {
      rc.fail(new ApiException(403, "forbidden", "the live view opens only from the page's own origin"));
      return;
    }
    waiting(id).onFailure(rc::fail).onSuccess(job -> {
      RequestTimeout.lift(rc);
      rc.request().toWebSocket().onFailure(rc::fail).onSuccess(socket -> {
        String who = principal.actor();
        LiveView view = view(id);
        LiveView.Viewer viewer = view.viewerJoined(socket);
        audit.record(who, "take_over.start", "job:" + id, new JsonObject().put("storeId", job.getString("store_id")))
            .onFailure(e -> JobLog.error(log, id, "cannot record take-over of job {}: {}", id, e.toString()));
        // the session is checked as an event stream's is; the ping keeps an idle connection open meanwhile
        long checks = vertx.setPeriodic(limits.eventStreamCheckSeconds() * 1000L, t -> authenticate.stillAdmits(rc)
            .onComplete(admitted -> {
              if (admitted.failed() || !admitted.result()) {
                socket.close((short) 1008, "session ended");
              } else {
                socket.writePing(Buffer.buffer());
              }
            }));
        socket.closeHandler(v -> {
          vertx.cancelTimer(checks);
          view.viewerLeft(viewer);
          forget(id, view);
          audit.record(who, "take_over.end", "job:" + id, new JsonObject().put("outcome", viewer.outcome())
                  .put("inputs", viewer.inputs()))
              .onFailure(e -> JobLog.error(log, id, "cannot record end of take-over of job {}: {}", id,
                  e.toString()));
        });
      });
    });
  }

  /**
   * {@code POST /api/jobs/{id}/give-up}: nobody will finish the page; the job needs attention with the agent's
   * reason (the sign-in slot is free at once), and the agent and the watching specialists are told.
   */
  public Future<Reply> giveUp(RoutingContext rc) {
    UUID id = JobIds.parse(rc.pathParam("id"));
    String who = Principal.of(rc).actor();
    return pool.withTransaction(conn -> store.giveUp(conn, id, " (a specialist, " + who + ", gave up taking over)"))
        .map(v -> {
          LiveView view = byJob.get(id);
          if (view != null) view.end(LiveMessages.GAVE_UP);
          return Reply.ok(new JsonObject().put("jobId", id.toString()).put("state", JobState.NEEDS_ATTENTION.wire()));
        });
  }

  private LiveView view(UUID id) {
    return byJob.computeIfAbsent(id, k -> new LiveView(() -> forget(k, byJob.get(k))));
  }

  private void forget(UUID id, LiveView view) {
    if (view != null && view.isIdle()) byJob.remove(id, view);
  }

  /** The job's row, if it is waiting for a person; else 404 or 409 {@code job_not_waiting_for_person}. */
  private Future<Row> waiting(UUID id) {
    return pool.preparedQuery(JOB).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) throw ApiException.notFound("job " + id);
      Row row = rows.iterator().next();
      if (!JobState.WAITING_FOR_PERSON.wire().equals(row.getString("state"))) {
        throw ApiException.conflict("job_not_waiting_for_person", "job " + id + " is " + row.getString("state")
            + "; only a job waiting for a person has a live view");
      }
      return row;
    });
  }

  private static long lease(String text) {
    try {
      long lease = Long.parseLong(text == null ? "" : text);
      if (lease >= 0) return lease;
    } catch (NumberFormatException e) {
      // refused below
    }
    Fields fields = new Fields(new JsonObject());
    fields.problem("lease", "must be the lease number the claim returned, as ?lease=N");
    fields.check();
    return -1;
  }

  private static boolean sameOrigin(RoutingContext rc) {
    String origin = rc.request().getHeader("Origin");
    String host = rc.request().authority() == null ? null : rc.request().authority().toString();
    return origin != null && host != null && origin.replaceFirst("^https?://", "").equalsIgnoreCase(host);
  }
}
