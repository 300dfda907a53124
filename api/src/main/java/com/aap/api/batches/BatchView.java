package com.aap.api.batches;

import com.aap.protocol.JobState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

import java.util.List;

/** A batch as JSON: its totals by job state and its rows. */
final class BatchView {

  static final List<String> STATES = List.of("queued", "running", "waiting_for_person", "succeeded", "failed",
      "needs_attention");

  private BatchView() {
  }

  static JsonObject of(Row batch, RowSet<Row> rows) {
    JsonArray list = new JsonArray();
    for (Row row : rows) list.add(row(row));
    return new JsonObject()
        .put("id", batch.getUUID("id").toString())
        .put("createdBy", batch.getString("created_by"))
        .put("createdAt", batch.getOffsetDateTime("created_at").toInstant().toString())
        .put("rowsInFile", batch.getInteger("total_rows"))
        .put("badRows", batch.getJsonArray("bad_rows"))
        .put("totals", totals(list))
        .put("done", isDone(list))
        .put("rows", list);
  }

  static JsonObject row(Row row) {
    return new JsonObject()
        .put("row", row.getInteger("row_number"))
        .put("storeId", row.getString("store_id"))
        .put("storeName", row.getString("name"))
        .put("jobId", row.getUUID("job_id").toString())
        .put("state", row.getString("state"))
        .put("errorCode", row.getString("error_code"))
        .put("attempts", row.getInteger("attempts"));
  }

  static JsonObject totals(JsonArray rows) {
    JsonObject totals = new JsonObject().put("rows", rows.size());
    STATES.forEach(state -> totals.put(state, 0));
    for (int i = 0; i < rows.size(); i++) {
      String state = rows.getJsonObject(i).getString("state");
      totals.put(state, totals.getInteger(state, 0) + 1);
    }
    return totals;
  }

  static boolean isDone(JsonArray rows) {
    for (int i = 0; i < rows.size(); i++) {
      String state = rows.getJsonObject(i).getString("state");
      if (JobState.of(state).isActive()) return false;
    }
    return true;
  }

  static JsonObject summary(Row row) {
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("createdBy", row.getString("created_by"))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
        .put("rowsInFile", row.getInteger("total_rows"))
        .put("problems", row.getInteger("problems"))
        .put("rows", row.getLong("rows"))
        .put("succeeded", row.getLong("succeeded"))
        .put("failed", row.getLong("failed"))
        .put("active", row.getLong("active"));
  }
}
