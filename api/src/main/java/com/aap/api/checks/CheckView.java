package com.aap.api.checks;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

import java.time.OffsetDateTime;

/**
 * A portal check as {@code GET /api/portal-checks/{id}} shows it: the job's state, where it walked, and the
 * report with, for each element, the path of its screenshot (numbered from 1 in the report's order).
 */
final class CheckView {

  private CheckView() {
  }

  static JsonObject of(Row row, RowSet<Row> steps) {
    String id = row.getUUID("id").toString();
    JsonObject check = new JsonObject()
        .put("checkId", id)
        .put("jobId", id)
        .put("state", row.getString("state"))
        .put("attempts", row.getInteger("attempts"))
        .put("register", row.getBoolean("register"))
        .put("login", new JsonObject().put("id", row.getUUID("login_id").toString()).put("email", row.getString("email")))
        .put("storeId", row.getString("store_id"))
        .put("cjCompanyId", row.getString("cj_company_id"))
        .put("createdAt", instant(row.getOffsetDateTime("created_at")))
        .put("steps", steps(steps));
    if (row.getString("error_code") != null) {
      check.put("error", new JsonObject().put("code", row.getString("error_code"))
          .put("message", row.getString("error_message")).put("step", row.getString("error_step")));
    }
    return check.put("report", report(id, row));
  }

  private static JsonArray steps(RowSet<Row> rows) {
    JsonArray list = new JsonArray();
    rows.forEach(s -> list.add(new JsonObject().put("name", s.getString("name"))
        .put("at", instant(s.getOffsetDateTime("at")))));
    return list;
  }

  private static JsonObject report(String id, Row row) {
    Object value = row.getValue("report");
    if (value == null) return null;
    JsonObject stored = value instanceof JsonObject o ? o : new JsonObject(String.valueOf(value));
    JsonArray elements = new JsonArray();
    JsonArray storedElements = stored.getJsonArray("elements", new JsonArray());
    for (int i = 0; i < storedElements.size(); i++) {
      JsonObject element = storedElements.getJsonObject(i).copy();
      boolean shot = Boolean.TRUE.equals(element.getBoolean("screenshot"));
      elements.add(element.put("n", i + 1)
          .put("screenshot", shot ? "/api/portal-checks/" + id + "/screenshots/" + (i + 1) : null));
    }
    return new JsonObject().put("ok", stored.getBoolean("ok")).put("failureCode", stored.getString("failureCode"))
        .put("failureMessage", stored.getString("failureMessage"))
        .put("reportedAt", instant(row.getOffsetDateTime("reported_at"))).put("elements", elements);
  }

  private static String instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }
}
