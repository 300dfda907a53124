package com.aap.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Validates the fields of a JSON body, collecting one problem per bad field; {@link #check()} then
 * fails with 400 listing them all. Problems describe the rule, never the value (it may be a secret).
 * Every text a request brings is refused when it holds a NUL character ({@link #hasNul}): PostgreSQL's
 * {@code text} cannot store one. Other control characters are PostgreSQL's to keep, and pass.
 */
public final class Fields {

  public static final String NUL_PROBLEM = "must not contain the NUL character (U+0000)";

  private final JsonObject body;
  private final JsonArray problems = new JsonArray();

  public Fields(JsonObject body) {
    this.body = body;
  }

  public void problem(String field, String problem) {
    problems.add(new JsonObject().put("field", field).put("problem", problem));
  }

  public boolean ok() {
    return problems.isEmpty();
  }

  public void check() {
    if (!problems.isEmpty()) {
      throw new ApiException(400, "invalid_fields", "some fields are missing or invalid", problems);
    }
  }

  /** A required string matching the pattern; null when missing or bad. */
  public String text(String field, Pattern pattern, String rule) {
    return text(body, field, field, pattern, rule, true);
  }

  public String optionalText(String field, Pattern pattern, String rule) {
    return text(body, field, field, pattern, rule, false);
  }

  public String text(JsonObject object, String key, String field, Pattern pattern, String rule, boolean required) {
    Object value = object.getValue(key);
    if (value == null) {
      if (required) problem(field, "is required");
      return null;
    }
    if (!(value instanceof String s)) {
      problem(field, "must be a string");
      return null;
    }
    if (hasNul(s)) {
      problem(field, NUL_PROBLEM);
      return null;
    }
    if (s.isBlank()) {
      problem(field, required ? "is required and must not be blank" : "must not be blank");
      return null;
    }
    if (pattern != null && !pattern.matcher(s).matches()) {
      problem(field, rule);
      return null;
    }
    return s;
  }

  /** Digits, given as a string or a whole number. */
  public String digits(String field) {
    Object value = body.getValue(field);
    if (value == null) {
      problem(field, "is required");
      return null;
    }
    if (value instanceof String str && hasNul(str)) {
      problem(field, NUL_PROBLEM);
      return null;
    }
    String s = value instanceof Number n ? numberText(n) : value instanceof String str ? str.trim() : null;
    if (s == null || !s.matches("[0-9]{1,18}")) {
      problem(field, "must be a numeric CJ company id (digits)");
      return null;
    }
    return s;
  }

  public UUID uuid(String field) {
    String s = text(field, null, null);
    if (s == null) return null;
    try {
      UUID id = UUID.fromString(s);
      if (id.toString().equalsIgnoreCase(s)) return id;
    } catch (IllegalArgumentException ignored) {
      // reported below
    }
    problem(field, "must be a UUID");
    return null;
  }

  public LocalDate pastDate(JsonObject object, String key, String field) {
    String s = text(object, key, field, null, null, true);
    if (s == null) return null;
    try {
      LocalDate date = LocalDate.parse(s);
      // "today" in the easternmost time zone, so a date signed today anywhere is accepted
      if (date.isAfter(LocalDate.now(ZoneOffset.ofHours(14)))) {
        problem(field, "must not be in the future");
        return null;
      }
      return date;
    } catch (DateTimeParseException e) {
      problem(field, "must be an ISO date (YYYY-MM-DD)");
      return null;
    }
  }

  /** An optional true or false; anything else is a problem. */
  public Boolean optionalBoolean(String field) {
    Object value = body.getValue(field);
    if (value == null || value instanceof Boolean) return (Boolean) value;
    problem(field, "must be true or false");
    return null;
  }

  /** A required true or false. */
  public Boolean requiredBoolean(String field) {
    if (body.getValue(field) == null) {
      problem(field, "is required (true or false)");
      return null;
    }
    return optionalBoolean(field);
  }

  /** An optional nested object; a present non-object is a problem. */
  public JsonObject optionalObject(String field) {
    Object value = body.getValue(field);
    if (value == null) return null;
    if (value instanceof JsonObject o) return o;
    problem(field, "must be an object");
    return null;
  }

  /** True when {@code text} holds U+0000, which no text column can store: refuse it, naming the field. */
  public static boolean hasNul(String text) {
    return text.indexOf('\0') >= 0;
  }

  /**
   * The route's path parameters and the query's parameters: 400 naming each that holds a NUL. Run before
   * every action, so a path or query text reaches SQL only without one.
   */
  public static void checkParams(RoutingContext rc) {
    Fields fields = new Fields(new JsonObject());
    rc.pathParams().forEach((name, value) -> {
      if (hasNul(value)) fields.problem(name, NUL_PROBLEM);
    });
    rc.queryParams().forEach((name, value) -> {
      if (hasNul(value)) fields.problem(name, NUL_PROBLEM);
    });
    fields.check();
  }

  private static String numberText(Number n) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      return d == Math.rint(d) && d >= 0 ? String.valueOf((long) d) : null;
    }
    return String.valueOf(n.longValue());
  }
}
