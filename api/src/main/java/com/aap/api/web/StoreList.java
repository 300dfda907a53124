package com.aap.api.web;

import com.aap.api.http.Fields;
import com.aap.api.http.Reply;
import com.aap.api.stores.SyncView;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.UUID;

/**
 * {@code GET /api/stores?q=TEXT&limit=N}: the page's store list, searched by id, name or CJ company id.
 * Each store carries its onboarding state ({@code token_entered} when its token was entered by hand after its
 * latest job began, else {@code not_authorized}, {@code not_started} or that job's state), the masked token, its commission count and its sync ({@link SyncView}); {@code failing=true}
 * keeps only the stores whose sync keeps failing or whose token is not healthy.
 */
public final class StoreList {

  private static final String LIST = """
      SELECT s.id, s.name, s.cj_company_id, s.agency_signed_on, s.token_last4,
             s.token_entered_at IS NOT NULL AND (j.id IS NULL OR j.created_at < s.token_entered_at) AS entered_since,
             COALESCE(y.records_held, 0) AS commission_count,
             j.id AS job_id, j.state AS job_state, j.error_code,
             """ + SyncView.COLUMNS + """

        FROM stores s
        LEFT JOIN store_syncs y ON y.store_id = s.id
        LEFT JOIN LATERAL (SELECT id, state, error_code, created_at FROM jobs WHERE store_id = s.id
                             AND (kind = 'provision' OR register)
                           ORDER BY created_at DESC LIMIT 1) j ON true
       WHERE ($1::text IS NULL OR s.id ILIKE $1 OR s.name ILIKE $1 OR s.cj_company_id = $2)
         AND (NOT $4 OR """ + SyncView.failing("$5") + """
      )
       ORDER BY lower(s.name), s.id
       LIMIT $3""";

  private final Pool pool;
  private final int failuresReported;

  public StoreList(Pool pool, int failuresReported) {
    this.pool = pool;
    this.failuresReported = failuresReported;
  }

  public Future<Reply> list(RoutingContext rc) {
    String q = rc.queryParams().get("q");
    String query = q == null || q.isBlank() ? null : q.trim();
    String pattern = query == null ? null : "%" + query.replaceAll("([\\\\%_])", "\\\\$1") + "%";
    int limit = limit(rc.queryParams().get("limit"));
    boolean failing = failing(rc.queryParams().get("failing"));
    return pool.preparedQuery(LIST).execute(Tuple.of(pattern, query, limit, failing, failuresReported)).map(rows -> {
      JsonArray stores = new JsonArray();
      for (Row row : rows) stores.add(toJson(row));
      return Reply.ok(new JsonObject().put("stores", stores));
    });
  }

  /** {@code failing=true}: only stores whose sync keeps failing or whose token is not healthy. */
  private static boolean failing(String value) {
    if (value == null || value.equals("false")) return false;
    if (value.equals("true")) return true;
    Fields fields = new Fields(new JsonObject());
    fields.problem("failing", "must be true or false");
    fields.check();
    return false;
  }

  private JsonObject toJson(Row row) {
    boolean authorized = row.getLocalDate("agency_signed_on") != null;
    UUID jobId = row.getUUID("job_id");
    String last4 = row.getString("token_last4");
    String onboarding = row.getBoolean("entered_since") ? "token_entered"
        : jobId != null ? row.getString("job_state") : authorized ? "not_started" : "not_authorized";
    return new JsonObject()
        .put("id", row.getString("id"))
        .put("name", row.getString("name"))
        .put("cjCompanyId", row.getString("cj_company_id"))
        .put("agencyAuthorized", authorized)
        .put("onboarding", onboarding)
        .put("cjAccessToken", last4 == null ? null : "****" + last4)
        .put("commissionCount", row.getLong("commission_count"))
        .put("latestJob", jobId == null ? null : new JsonObject().put("id", jobId.toString())
            .put("state", row.getString("job_state")).put("errorCode", row.getString("error_code")))
        .put("sync", SyncView.toJson(row, failuresReported));
  }

  private static int limit(String value) {
    try {
      return value == null ? 200 : Math.max(1, Math.min(1000, Integer.parseInt(value)));
    } catch (NumberFormatException e) {
      return 200;
    }
  }
}
