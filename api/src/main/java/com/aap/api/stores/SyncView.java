package com.aap.api.stores;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A store's commission sync as the page and the API show it ({@link #COLUMNS} of {@code store_syncs y}), or
 * null before its first token: last sync and its outcome, next sync, records held, token health, and whether
 * its last {@code SYNC_FAILURES_REPORTED} syncs failed ({@code failing}).
 */
public final class SyncView {

  public static final String COLUMNS = """
      y.store_id AS sync_store, y.next_run_at, y.last_finished_at, y.last_outcome, y.last_error, y.records_held,
      y.token_health, y.token_health_since, y.consecutive_failures, y.reprovision_job_id,
      COALESCE(y.lease_expires_at > now(), false) AS sync_running""";

  /** A store needing a look: its sync keeps failing ($n: the reported threshold) or its token is not healthy. */
  public static String failing(String thresholdParam) {
    return "(y.token_health <> 'ok' OR y.consecutive_failures >= " + thresholdParam + ")";
  }

  private SyncView() {
  }

  public static JsonObject toJson(Row row, int failuresReported) {
    if (row.getString("sync_store") == null) return null;
    UUID job = row.getUUID("reprovision_job_id");
    int failures = row.getInteger("consecutive_failures");
    return new JsonObject()
        .put("lastSyncAt", instant(row.getOffsetDateTime("last_finished_at")))
        .put("lastOutcome", row.getString("last_outcome"))
        .put("lastError", row.getString("last_error"))
        .put("nextSyncAt", instant(row.getOffsetDateTime("next_run_at")))
        .put("running", row.getBoolean("sync_running"))
        .put("recordsHeld", row.getLong("records_held"))
        .put("tokenHealth", row.getString("token_health"))
        .put("tokenHealthSince", instant(row.getOffsetDateTime("token_health_since")))
        .put("consecutiveFailures", failures)
        .put("failing", failures >= failuresReported || !"ok".equals(row.getString("token_health")))
        .put("reprovisionJobId", job == null ? null : job.toString());
  }

  private static String instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }
}
