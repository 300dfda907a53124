package com.aap.api.http;

import io.vertx.core.json.JsonObject;

/** What a handler answers: a status and a JSON body (or none). */
public record Reply(int status, JsonObject body) {

  public static Reply ok(JsonObject body) {
    return new Reply(200, body);
  }

  public static Reply created(JsonObject body) {
    return new Reply(201, body);
  }

  public static Reply noContent() {
    return new Reply(204, null);
  }
}
