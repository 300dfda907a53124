package com.aap.api.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.RoutingContext;

/** Reads request bodies as JSON objects; anything else is 400 {@code invalid_json}. */
public final class Bodies {

  private Bodies() {
  }

  public static JsonObject object(RoutingContext rc) {
    return read(rc, false);
  }

  /** An empty body counts as {@code {}}. */
  public static JsonObject optionalObject(RoutingContext rc) {
    return read(rc, true);
  }

  private static JsonObject read(RoutingContext rc, boolean emptyAllowed) {
    RequestBody body = rc.body();
    if (body == null || body.isEmpty()) {
      if (emptyAllowed) return new JsonObject();
      throw invalid("the request body must be a JSON object");
    }
    try {
      JsonObject json = body.asJsonObject();
      if (json == null) throw invalid("the request body must be a JSON object");
      return json;
    } catch (DecodeException | ClassCastException e) {
      throw invalid("the request body is not a valid JSON object");
    }
  }

  private static ApiException invalid(String message) {
    return new ApiException(400, "invalid_json", message);
  }
}
