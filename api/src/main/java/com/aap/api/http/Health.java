package com.aap.api.http;

import com.aap.api.db.Migrations;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/health/live}: the process answers (no database), for a liveness probe that restarts a
 * hung process. {@code GET /api/health/ready}: the database answers and holds this build's migrations,
 * for a readiness probe that sends traffic only here; else 503 naming the check that failed. Neither
 * needs a credential, so they say nothing but check names.
 */
public final class Health {

  static final long READY_TIMEOUT_MS = 2_000;
  private static final String MIGRATIONS = "SELECT count(*) FILTER (WHERE version = $1 AND success) AS applied,"
      + " count(*) FILTER (WHERE NOT success) AS failed FROM " + Migrations.HISTORY_TABLE;

  private final Pool pool;
  private final String schemaVersion;

  /** {@code schemaVersion}: the latest migration this build needs applied. */
  public Health(Pool pool, String schemaVersion) {
    this.pool = pool;
    this.schemaVersion = schemaVersion;
  }

  Future<Reply> live(RoutingContext rc) {
    return Future.succeededFuture(Reply.ok(new JsonObject().put("status", "ok")));
  }

  Future<Reply> ready(RoutingContext rc) {
    return pool.preparedQuery(MIGRATIONS).execute(Tuple.of(schemaVersion))
        .timeout(READY_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .map(rows -> {
          var row = rows.iterator().next();
          boolean applied = row.getLong("applied") > 0 && row.getLong("failed") == 0;
          return applied ? Reply.ok(new JsonObject().put("status", "ok").put("checks", checks("ok", "ok")))
              : notReady("ok", "failed");
        })
        .otherwise(e -> notReady("failed", "unknown"));
  }

  private static Reply notReady(String database, String migrations) {
    return new Reply(503, new JsonObject().put("status", "unavailable").put("checks", checks(database, migrations)));
  }

  private static JsonObject checks(String database, String migrations) {
    return new JsonObject().put("database", database).put("migrations", migrations);
  }
}
