package com.aap.api.batches;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Queues provisioning for many stores in three statements; returns each store's active job. */
final class BulkJobs {

  private BulkJobs() {
  }

  /** Stores that already had an active job map to it; newly queued jobs get their {@code queued} step. */
  static Future<Map<String, UUID>> queue(SqlConnection conn, List<String> storeIds, List<String> tokenNames,
                                         int maxAttempts) {
    UUID[] ids = new UUID[storeIds.size()];
    for (int i = 0; i < ids.length; i++) ids[i] = UUID.randomUUID();
    String[] stores = storeIds.toArray(String[]::new);
    Map<String, UUID> jobs = new HashMap<>();
    List<UUID> inserted = new ArrayList<>();
    return conn.preparedQuery(BatchSql.INSERT_JOBS)
        .execute(Tuple.of(ids, stores, tokenNames.toArray(String[]::new), maxAttempts))
        .compose(rows -> {
          for (Row row : rows) {
            jobs.put(row.getString("store_id"), row.getUUID("id"));
            inserted.add(row.getUUID("id"));
          }
          if (jobs.size() == stores.length) return Future.succeededFuture();
          return conn.preparedQuery(BatchSql.ACTIVE_JOBS).execute(Tuple.of((Object) stores)).map(active -> {
            for (Row row : active) jobs.putIfAbsent(row.getString("store_id"), row.getUUID("id"));
            return null;
          });
        })
        .compose(v -> conn.preparedQuery(BatchSql.QUEUED_STEPS).execute(Tuple.of((Object) inserted.toArray(UUID[]::new))))
        .map(v -> jobs);
  }
}
