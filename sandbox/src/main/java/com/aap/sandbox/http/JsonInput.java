package com.aap.sandbox.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads request JSON bodies; every problem is a {@link BadInput} naming the field. */
public final class JsonInput {
  private final JsonObject body;

  private JsonInput(JsonObject body) {
    this.body = body;
  }

  public static JsonInput of(RoutingContext rc) {
    try {
      JsonObject body = rc.body().asJsonObject();
      if (body == null) {
        throw BadInput.field("body", "must be a JSON object");
      }
      return new JsonInput(body);
    } catch (DecodeException | ClassCastException e) {
      throw BadInput.field("body", "must be a JSON object");
    }
  }

  public boolean has(String field) {
    return body.getValue(field) != null;
  }

  public String requiredString(String field) {
    String value = optionalString(field);
    if (value == null || value.isBlank()) {
      throw BadInput.field(field, "required");
    }
    return value.trim();
  }

  public String optionalString(String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw BadInput.field(field, "must be a string");
    }
    return s;
  }

  public int requiredInt(String field, int min, int max) {
    Object value = body.getValue(field);
    if (value == null) {
      throw BadInput.field(field, "required");
    }
    if (!(value instanceof Integer || value instanceof Long)) {
      throw BadInput.field(field, "must be an integer");
    }
    long n = ((Number) value).longValue();
    if (n < min || n > max) {
      throw BadInput.field(field, "must be between " + min + " and " + max);
    }
    return (int) n;
  }

  /** An integer in {@code min..max}, or null when absent. */
  public Integer optionalInt(String field, int min, int max) {
    return has(field) ? requiredInt(field, min, max) : null;
  }

  /** A CID given as a JSON number or a numeric string. */
  public long requiredCid(String field) {
    Object value = body.getValue(field);
    if (value == null) {
      throw BadInput.field(field, "required");
    }
    return Cids.parse(field, value);
  }

  /** An optional boolean, false when absent. */
  public boolean flag(String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return false;
    }
    if (!(value instanceof Boolean b)) {
      throw BadInput.field(field, "must be true or false");
    }
    return b;
  }

  public JsonArray requiredArray(String field) {
    Object value = body.getValue(field);
    if (value == null) {
      throw BadInput.field(field, "required");
    }
    if (!(value instanceof JsonArray array)) {
      throw BadInput.field(field, "must be an array");
    }
    return array;
  }
}
