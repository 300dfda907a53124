package com.aap.api.batches;

import com.aap.api.LimitSettings;
import com.aap.api.auth.Authenticate;
import com.aap.api.http.ApiException;
import com.aap.api.http.RequestTimeout;
import com.aap.api.jobs.Signals;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /api/batches/{id}/events}: server-sent events. A {@code progress} event carries the totals and
 * the rows that changed since the last one (all rows at first); a last {@code done} event when no row is
 * queued or running, after which the stream ends. The page subscribes with {@code EventSource}. A stream
 * reads the batch's rows again {@value #SIGNAL_DELAY_MS} ms after one of its jobs changes state (on any
 * API instance: {@link Signals#JOB_CHANGED}), and every {@value #INTERVAL_MS} ms anyway.
 *
 * <p>A stream outlives its request, so it is held to its credential instead: at most
 * {@code EVENT_STREAMS_PER_SESSION} open at once per session or API key in this instance (429
 * {@code too_many_streams} beyond), and every {@code EVENT_STREAM_CHECK_SECONDS} the session (or key) is
 * checked, without counting as a use; once it has expired, been ended or revoked, an {@code expired} event
 * ends the stream.
 */
public final class BatchEvents implements Handler<RoutingContext> {

  static final long INTERVAL_MS = 500;
  /** How long a stream waits after a signal, so that a burst of changes makes one read. */
  static final long SIGNAL_DELAY_MS = 50;

  private final Vertx vertx;
  private final Pool pool;
  private final Authenticate authenticate;
  private final LimitSettings limits;
  private final Map<String, Integer> openByCredential = new HashMap<>();
  private final Set<Stream> open = new HashSet<>();

  /** Call from the verticle that serves the route, so signals arrive on its event loop. */
  public BatchEvents(Vertx vertx, Pool pool, Authenticate authenticate, LimitSettings limits) {
    this.vertx = vertx;
    this.pool = pool;
    this.authenticate = authenticate;
    this.limits = limits;
    vertx.eventBus().<String>localConsumer(Signals.JOB_CHANGED, m -> Set.copyOf(open).forEach(s -> s.changed(m.body())));
  }

  @Override
  public void handle(RoutingContext rc) {
    UUID id = Batches.batchId(rc);
    String credential = Authenticate.credential(rc);
    if (openByCredential.getOrDefault(credential, 0) >= limits.eventStreamsPerSession()) {
      rc.fail(ApiException.retryAfter(429, "too_many_streams", "at most " + limits.eventStreamsPerSession()
          + " event streams may be open at once per session or API key; close one first", 5));
      return;
    }
    openByCredential.merge(credential, 1, Integer::sum);
    rc.addEndHandler(ended -> openByCredential.computeIfPresent(credential, (k, n) -> n > 1 ? n - 1 : null));
    pool.preparedQuery(BatchSql.FIND_BATCH).execute(Tuple.of(id)).onFailure(rc::fail).onSuccess(found -> {
      if (found.size() == 0) {
        rc.fail(ApiException.notFound("batch " + id));
        return;
      }
      if (rc.response().closed()) return;
      RequestTimeout.lift(rc);
      HttpServerResponse response = rc.response().setChunked(true)
          .putHeader("Content-Type", "text/event-stream")
          .putHeader("Cache-Control", "no-store")
          .putHeader("Content-Encoding", "identity") // keeps compression from holding events back
          .putHeader("X-Accel-Buffering", "no");
      response.write(": stream of batch " + id + "\n\n");
      Stream stream = new Stream(id, rc, response);
      open.add(stream);
      rc.addEndHandler(ended -> open.remove(stream));
      stream.tick();
    });
  }

  /** One subscriber's stream: polls the batch's rows and sends what changed. */
  private final class Stream {
    private final UUID id;
    private final RoutingContext rc;
    private final HttpServerResponse response;
    private final Map<Integer, String> seen = new HashMap<>();
    private final Set<String> jobIds = new HashSet<>();
    private long checkedAt = System.nanoTime();
    private long timer = -1;
    private boolean polling;
    private boolean soon;
    private boolean changedWhilePolling;

    Stream(UUID id, RoutingContext rc, HttpServerResponse response) {
      this.id = id;
      this.rc = rc;
      this.response = response;
    }

    void tick() {
      if (response.closed() || response.ended()) return;
      if (System.nanoTime() - checkedAt >= limits.eventStreamCheckSeconds() * 1_000_000_000L) {
        checkedAt = System.nanoTime();
        authenticate.stillAdmits(rc).onFailure(e -> response.reset()).onSuccess(admitted -> {
          if (admitted) {
            poll();
          } else if (!response.closed() && !response.ended()) {
            response.end("event: expired\ndata: {}\n\n");
          }
        });
      } else {
        poll();
      }
    }

    /** {@code payload}: {@code "<job id> <state>"}, or "" for any job; a queued one may be a row's new job. */
    void changed(String payload) {
      boolean ours = payload.isEmpty() || payload.endsWith(" queued") || jobIds.contains(payload.split(" ")[0]);
      if (!ours) return;
      if (polling) {
        changedWhilePolling = true;
      } else if (timer != -1 && !soon) {
        vertx.cancelTimer(timer);
        soon = true;
        schedule(SIGNAL_DELAY_MS);
      }
    }

    private void schedule(long ms) {
      timer = vertx.setTimer(ms, t -> {
        timer = -1;
        soon = false;
        tick();
      });
    }

    void poll() {
      if (response.closed() || response.ended()) return;
      polling = true;
      pool.preparedQuery(BatchSql.ROWS).execute(Tuple.of(id)).onFailure(e -> response.reset()).onSuccess(rows -> {
        polling = false;
        if (response.closed()) return;
        JsonArray all = new JsonArray();
        JsonArray changed = new JsonArray();
        for (Row row : rows) {
          JsonObject json = BatchView.row(row);
          all.add(json);
          if (json.getString("jobId") != null) jobIds.add(json.getString("jobId"));
          String fingerprint = json.getString("jobId") + json.getString("state") + json.getString("errorCode");
          if (!fingerprint.equals(seen.put(json.getInteger("row"), fingerprint))) changed.add(json);
        }
        boolean done = BatchView.isDone(all);
        JsonObject event = new JsonObject().put("totals", BatchView.totals(all)).put("done", done).put("rows", changed);
        response.write("event: progress\ndata: " + event.encode() + "\n\n");
        if (done) {
          response.end("event: done\ndata: {}\n\n");
        } else {
          schedule(changedWhilePolling ? SIGNAL_DELAY_MS : INTERVAL_MS);
          changedWhilePolling = false;
        }
      });
    }
  }
}
