package com.aap.sandbox.tokens;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** A registered Personal Access Token; {@code cid} is the company the session acted for (may be null). */
public record IssuedToken(String email, String name, String token, Long cid, Instant createdAt) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("email", email)
        .put("name", name)
        .put("token", token)
        .put("cid", cid == null ? null : String.valueOf(cid))
        .put("createdAt", createdAt.toString());
  }

  @Override
  public String toString() {
    return "IssuedToken[" + email + ", " + name + ", cid=" + cid + "]";
  }
}
