package com.aap.api.audit;

import com.aap.api.auth.Principal;
import com.aap.api.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;

/**
 * Who did what to what, and when. {@link #on} records an action at the route level once the response
 * ends with a 2xx status, so the features that act need not know about auditing. {@code GET /api/audit}
 * lists entries, newest first, optionally for one target ({@code ?target=store:ID}).
 */
public final class Audit {

  private static final Logger log = LoggerFactory.getLogger(Audit.class);
  private static final String INSERT = "INSERT INTO audit_log (actor, action, target, detail) VALUES ($1, $2, $3, $4)";
  private static final String LIST = """
      SELECT id, at, actor, action, target, detail FROM audit_log
       WHERE ($1::text IS NULL OR target = $1) ORDER BY id DESC LIMIT $2""";

  private final Pool pool;

  public Audit(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> record(String actor, String action, String target, JsonObject detail) {
    return pool.preparedQuery(INSERT).execute(Tuple.of(actor, action, target, detail)).mapEmpty();
  }

  /** A handler that passes the request on and records {@code action} on {@code target} if it succeeds. */
  public Handler<RoutingContext> on(String action, Function<RoutingContext, String> target) {
    return on(action, target, rc -> new JsonObject());
  }

  /**
   * The same, with a detail taken once the action answered (what was created: see
   * {@link #answered}).
   */
  public Handler<RoutingContext> on(String action, Function<RoutingContext, String> target,
                                    Function<RoutingContext, JsonObject> detail) {
    return rc -> {
      Principal principal = Principal.of(rc);
      rc.addBodyEndHandler(ended -> {
        int status = rc.response().getStatusCode();
        if (status < 200 || status > 299) return;
        String what = target.apply(rc); // after the action: a new batch's id is known only then
        record(principal.actor(), action, what, detail.apply(rc).put("status", status))
            .onFailure(e -> log.error("cannot record audit entry {} on {}: {}", action, what, e.toString()));
      });
      rc.next();
    };
  }

  /** A target named by the id the answer carries (what was created, or changed): {@code prefix} and that id. */
  public static Function<RoutingContext, String> answeredId(String prefix) {
    return rc -> prefix + Reply.sentBody(rc).getString("id");
  }

  /** A detail of the named fields of the answer; name each, so a secret in it (a new API key) stays out. */
  public static Function<RoutingContext, JsonObject> answered(String... fields) {
    return rc -> {
      JsonObject body = Reply.sentBody(rc);
      JsonObject detail = new JsonObject();
      for (String field : fields) detail.put(field, body.getValue(field));
      return detail;
    };
  }

  public Future<Reply> list(RoutingContext rc) {
    String target = rc.queryParams().get("target");
    int limit = limit(rc.queryParams().get("limit"));
    return pool.preparedQuery(LIST).execute(Tuple.of(target, limit)).map(rows -> {
      JsonArray entries = new JsonArray();
      for (Row row : rows) {
        entries.add(new JsonObject().put("id", row.getLong("id"))
            .put("at", row.getOffsetDateTime("at").toInstant().toString())
            .put("actor", row.getString("actor")).put("action", row.getString("action"))
            .put("target", row.getString("target")).put("detail", row.getJsonObject("detail")));
      }
      return Reply.ok(new JsonObject().put("entries", entries));
    });
  }

  private static int limit(String value) {
    try {
      return value == null ? 200 : Math.max(1, Math.min(1000, Integer.parseInt(value)));
    } catch (NumberFormatException e) {
      return 200;
    }
  }
}
