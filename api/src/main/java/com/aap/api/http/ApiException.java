package com.aap.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A failure with an HTTP status and an error code; rendered by {@link Errors} in the one error shape. */
public final class ApiException extends RuntimeException {

  private final int status;
  private final String code;
  private final JsonArray fields;
  private final long retryAfterSeconds;

  public ApiException(int status, String code, String message) {
    this(status, code, message, null);
  }

  public ApiException(int status, String code, String message, JsonArray fields) {
    this(status, code, message, fields, 0);
  }

  private ApiException(int status, String code, String message, JsonArray fields, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** A 429 (or 503) the caller may try again after: answered with {@code Retry-After: seconds}. */
  public static ApiException retryAfter(int status, String code, String message, long seconds) {
    return new ApiException(status, code, message, null, Math.max(1, seconds));
  }

  public static ApiException notFound(String what) {
    return new ApiException(404, "not_found", what + " not found");
  }

  public static ApiException conflict(String code, String message) {
    return new ApiException(409, code, message);
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }

  /** 0 when the answer has no {@code Retry-After}. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public JsonObject body() {
    JsonObject error = new JsonObject().put("code", code).put("message", getMessage());
    if (fields != null) error.put("fields", fields);
    return new JsonObject().put("error", error);
  }
}
