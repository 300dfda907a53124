package com.aap.api.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** What a handler answers: a status and a JSON body (or none). */
public record Reply(int status, JsonObject body) {

  /** Where the route table leaves the reply it sent, for handlers that run as the response ends. */
  static final String SENT = "aap.reply";

  /** The body of the reply sent for this request (the audit log names what was created from it); empty if none. */
  public static JsonObject sentBody(RoutingContext rc) {
    Reply reply = rc.get(SENT);
    return reply == null || reply.body() == null ? new JsonObject() : reply.body();
  }

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
