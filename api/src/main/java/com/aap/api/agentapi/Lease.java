package com.aap.api.agentapi;

import com.aap.api.http.ApiException;
import com.aap.api.http.Fields;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.UUID;

/** The fencing token an agent got with its claim ({@code lease}), and the answers when it is stale. */
final class Lease {

  private Lease() {
  }

  /** The {@code lease} field: a whole number, required. */
  static Long read(JsonObject body, Fields fields) {
    Object value = body.getValue("lease");
    if (value instanceof Number n && n.longValue() == n.doubleValue() && n.longValue() >= 0) return n.longValue();
    fields.problem("lease", value == null ? "is required: the lease number the claim returned"
        : "must be the lease number the claim returned");
    return null;
  }

  /** Fails with 404, or 409 {@code job_not_running} / {@code lease_lost}: the agent must stop. */
  static <T> Future<T> refuse(Pool pool, UUID jobId, long epoch) {
    return pool.preparedQuery(AgentSql.JOB_STATE).execute(Tuple.of(jobId)).map(rows -> {
      if (rows.size() == 0) throw ApiException.notFound("job " + jobId);
      String state = rows.iterator().next().getString("state");
      long current = rows.iterator().next().getLong("lease_epoch");
      throw lost(jobId, state, current, epoch);
    });
  }

  static ApiException lost(UUID jobId, String state, long current, long presented) {
    if (!"running".equals(state)) {
      return ApiException.conflict("job_not_running", "job " + jobId + " is " + state);
    }
    return ApiException.conflict("lease_lost", "job " + jobId + " is held under lease " + current
        + ", not " + presented + "; stop working on it");
  }
}
