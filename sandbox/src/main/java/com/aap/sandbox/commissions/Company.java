package com.aap.sandbox.commissions;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** An advertiser company with its seeded Commission Detail records. */
public record Company(long cid, String name, int commissions, Instant createdAt, Ledger ledger) {

  public String label() {
    return name + " (" + cid + ")";
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("cid", String.valueOf(cid))
        .put("name", name)
        .put("commissions", commissions)
        .put("records", ledger.size())
        .put("createdAt", createdAt.toString());
  }
}
