package com.aap.sandbox.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one JSON error shape: {@code {"error": {"code", "message", "fields": [{"field", "problem"}]?}}}. */
public final class Errors {
  private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

  private Errors() {}

  public static void fail(RoutingContext rc, int status, String code, String message) {
    send(rc, status, body(code, message, List.of()));
  }

  public static void badInput(RoutingContext rc, BadInput e) {
    send(rc, 400, body("bad_input", e.getMessage(), e.fields()));
  }

  /** Router error handler: known failures get their status, everything else a logged generic 500. */
  public static void handle(RoutingContext rc) {
    if (rc.failure() instanceof BadInput bad) {
      badInput(rc, bad);
    } else if (rc.statusCode() == 404) {
      fail(rc, 404, "not_found", "No such resource.");
    } else if (rc.statusCode() == 405) {
      fail(rc, 405, "method_not_allowed", "Method not allowed.");
    } else if (rc.statusCode() == 413) {
      fail(rc, 413, "too_large", "Request body too large.");
    } else if (rc.statusCode() == 400 && rc.failure() == null) {
      fail(rc, 400, "bad_input", "Bad request.");
    } else {
      LOG.error("Unhandled failure on {} {}", rc.request().method(), rc.request().path(), rc.failure());
      fail(rc, 500, "internal", "Internal error.");
    }
  }

  private static JsonObject body(String code, String message, List<FieldProblem> fields) {
    JsonObject error = new JsonObject().put("code", code).put("message", message);
    if (!fields.isEmpty()) {
      JsonArray array = new JsonArray();
      fields.forEach(f -> array.add(new JsonObject().put("field", f.field()).put("problem", f.problem())));
      error.put("fields", array);
    }
    return new JsonObject().put("error", error);
  }

  private static void send(RoutingContext rc, int status, JsonObject body) {
    if (rc.response().ended()) {
      return;
    }
    rc.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }
}
