package com.aap.api.web;

import com.aap.api.http.Reply;
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
 * Each store carries its onboarding state ({@code not_authorized}, {@code not_started}, or its latest
 * job's state), the masked token and its commission count.
 */
public final class StoreList {

  private static final String LIST = """
      SELECT s.id, s.name, s.cj_company_id, s.agency_signed_on, s.token_last4,
             (SELECT count(*) FROM commissions c WHERE c.store_id = s.id) AS commission_count,
             j.id AS job_id, j.state AS job_state, j.error_code
        FROM stores s
        LEFT JOIN LATERAL (SELECT id, state, error_code FROM jobs WHERE store_id = s.id
                             AND (kind = 'provision' OR register)
                           ORDER BY created_at DESC LIMIT 1) j ON true
       WHERE $1::text IS NULL OR s.id ILIKE $1 OR s.name ILIKE $1 OR s.cj_company_id = $2
       ORDER BY lower(s.name), s.id
       LIMIT $3""";

  private final Pool pool;

  public StoreList(Pool pool) {
    this.pool = pool;
  }

  public Future<Reply> list(RoutingContext rc) {
    String q = rc.queryParams().get("q");
    String query = q == null || q.isBlank() ? null : q.trim();
    String pattern = query == null ? null : "%" + query.replaceAll("([\\\\%_])", "\\\\$1") + "%";
    int limit = limit(rc.queryParams().get("limit"));
    return pool.preparedQuery(LIST).execute(Tuple.of(pattern, query, limit)).map(rows -> {
      JsonArray stores = new JsonArray();
      for (Row row : rows) stores.add(toJson(row));
      return Reply.ok(new JsonObject().put("stores", stores));
    });
  }

  private static JsonObject toJson(Row row) {
    boolean authorized = row.getLocalDate("agency_signed_on") != null;
    UUID jobId = row.getUUID("job_id");
    String last4 = row.getString("token_last4");
    String onboarding = jobId != null ? row.getString("job_state") : authorized ? "not_started" : "not_authorized";
    return new JsonObject()
        .put("id", row.getString("id"))
        .put("name", row.getString("name"))
        .put("cjCompanyId", row.getString("cj_company_id"))
        .put("agencyAuthorized", authorized)
        .put("onboarding", onboarding)
        .put("cjAccessToken", last4 == null ? null : "****" + last4)
        .put("commissionCount", row.getLong("commission_count"))
        .put("latestJob", jobId == null ? null : new JsonObject().put("id", jobId.toString())
            .put("state", row.getString("job_state")).put("errorCode", row.getString("error_code")));
  }

  private static int limit(String value) {
    try {
      return value == null ? 200 : Math.max(1, Math.min(1000, Integer.parseInt(value)));
    } catch (NumberFormatException e) {
      return 200;
    }
  }
}
