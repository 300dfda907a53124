package com.aap.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A failure with an HTTP status and an error code; rendered by {@link Errors} in the one error shape. */
public final class ApiException extends RuntimeException {

  private final int status;
  private final String code;
  private final JsonArray fields;

  public ApiException(int status, String code, String message) {
    this(status, code, message, null);
  }

  public ApiException(int status, String code, String message, JsonArray fields) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.fields = fields;
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

  public JsonObject body() {
    JsonObject error = new JsonObject().put("code", code).put("message", getMessage());
    if (fields != null) error.put("fields", fields);
    return new JsonObject().put("error", error);
  }
}
