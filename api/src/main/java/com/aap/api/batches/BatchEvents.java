package com.aap.api.batches;

import com.aap.api.http.ApiException;
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
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /api/batches/{id}/events}: server-sent events. A {@code progress} event carries the totals and
 * the rows that changed since the last one (all rows at first); a last {@code done} event when no row is
 * queued or running, after which the stream ends. The page subscribes with {@code EventSource}.
 */
public final class BatchEvents implements Handler<RoutingContext> {

  static final long INTERVAL_MS = 500;

  private final Vertx vertx;
  private final Pool pool;

  public BatchEvents(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  @Override
  public void handle(RoutingContext rc) {
    UUID id = Batches.batchId(rc);
    pool.preparedQuery(BatchSql.FIND_BATCH).execute(Tuple.of(id)).onFailure(rc::fail).onSuccess(found -> {
      if (found.size() == 0) {
        rc.fail(ApiException.notFound("batch " + id));
        return;
      }
      HttpServerResponse response = rc.response().setChunked(true)
          .putHeader("Content-Type", "text/event-stream")
          .putHeader("Cache-Control", "no-store")
          .putHeader("Content-Encoding", "identity") // keeps compression from holding events back
          .putHeader("X-Accel-Buffering", "no");
      response.write(": stream of batch " + id + "\n\n");
      new Stream(id, response).tick();
    });
  }

  /** One subscriber's stream: polls the batch's rows and sends what changed. */
  private final class Stream {
    private final UUID id;
    private final HttpServerResponse response;
    private final Map<Integer, String> seen = new HashMap<>();

    Stream(UUID id, HttpServerResponse response) {
      this.id = id;
      this.response = response;
    }

    void tick() {
      if (response.closed()) return;
      pool.preparedQuery(BatchSql.ROWS).execute(Tuple.of(id)).onFailure(e -> response.reset()).onSuccess(rows -> {
        if (response.closed()) return;
        JsonArray all = new JsonArray();
        JsonArray changed = new JsonArray();
        for (Row row : rows) {
          JsonObject json = BatchView.row(row);
          all.add(json);
          String fingerprint = json.getString("jobId") + json.getString("state") + json.getString("errorCode");
          if (!fingerprint.equals(seen.put(json.getInteger("row"), fingerprint))) changed.add(json);
        }
        boolean done = BatchView.isDone(all);
        JsonObject event = new JsonObject().put("totals", BatchView.totals(all)).put("done", done).put("rows", changed);
        response.write("event: progress\ndata: " + event.encode() + "\n\n");
        if (done) {
          response.end("event: done\ndata: {}\n\n");
        } else {
          vertx.setTimer(INTERVAL_MS, t -> tick());
        }
      });
    }
  }
}
