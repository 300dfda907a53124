package com.aap.api.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.UUID;

/** Turns every failure into the one error shape {@code {"error": {code, message, fields?}}}. */
public final class Errors {

  private static final Logger log = LoggerFactory.getLogger(Errors.class);
  /** 22021: a NUL in a text parameter; 22P05: an escaped NUL in a jsonb one. */
  private static final Set<String> UNSTORABLE_TEXT = Set.of("22021", "22P05");

  private Errors() {
  }

  public static void handle(RoutingContext rc) {
    send(rc, toApiException(rc));
  }

  public static void send(RoutingContext rc, ApiException e) {
    HttpServerResponse response = rc.response();
    if (response.headWritten()) {
      response.reset();
      return;
    }
    if (e.status() == 401) response.putHeader("WWW-Authenticate", "Bearer");
    if (e.retryAfterSeconds() > 0) response.putHeader("Retry-After", String.valueOf(e.retryAfterSeconds()));
    response.setStatusCode(e.status())
        .putHeader("Content-Type", "application/json")
        .end(e.body().encode());
  }

  private static ApiException toApiException(RoutingContext rc) {
    Throwable failure = rc.failure();
    if (failure instanceof ApiException api) return api;
    if (failure instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      return ApiException.conflict("conflict", "a record with this id already exists");
    }
    if (failure instanceof PgException pg && UNSTORABLE_TEXT.contains(pg.getSqlState())) {
      // Fields refuses a NUL in every text a request brings; reaching here means a check is missing.
      log.warn("text PostgreSQL cannot store reached it on {} {}: {}", rc.request().method(), rc.normalizedPath(),
          pg.getSqlState());
      return new ApiException(400, "invalid_text", "a text holds a character PostgreSQL cannot store (NUL, U+0000)");
    }
    if (failure == null) return byStatus(rc.statusCode());
    String correlationId = UUID.randomUUID().toString();
    // The exception's class and message identify the fault; request bodies are never logged.
    log.error("internal error {} on {} {}", correlationId, rc.request().method(), rc.normalizedPath(), failure);
    return new ApiException(500, "internal_error", "internal error; correlation id " + correlationId);
  }

  private static ApiException byStatus(int status) {
    return switch (status) {
      case 400 -> new ApiException(400, "bad_request", "bad request");
      case 401 -> new ApiException(401, "unauthorized", "a valid agent key is required");
      case 404 -> new ApiException(404, "not_found", "no such resource");
      case 405 -> new ApiException(405, "method_not_allowed", "method not allowed");
      case 413 -> new ApiException(413, "payload_too_large", "request body is too large");
      case 415 -> new ApiException(415, "unsupported_media_type", "unsupported media type");
      default -> new ApiException(status < 400 ? 500 : status, "http_" + status, "request failed");
    };
  }
}
