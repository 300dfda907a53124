package com.aap.api.agentapi;

import com.aap.api.http.Fields;
import io.vertx.core.json.JsonObject;

/** The fencing token an agent got with its claim ({@code lease}); {@link com.aap.api.jobs.JobStore} checks it. */
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
}
