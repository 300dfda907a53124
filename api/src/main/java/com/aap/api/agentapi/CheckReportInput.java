package com.aap.api.agentapi;

import com.aap.api.http.Fields;
import com.aap.protocol.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /agent/v1/jobs/{id}/check-report}: {@code {lease, ok, failureCode, failureMessage,
 * elements: [{step, element, found, matched, tried, url, screenshot}]}}. Every bad field is named
 * ({@code elements[2].found}); screenshots are capped in number, each and in all.
 */
record CheckReportInput(long epoch, boolean ok, String failureCode, String failureMessage, JsonObject stored,
                        List<byte[]> screenshots) {

  static final int MAX_ELEMENTS = 100;
  static final int MAX_SCREENSHOTS = 20;
  static final int MAX_SCREENSHOT_BYTES_IN_ALL = 16 * 1024 * 1024;
  static final int MAX_TRIED = 30;
  private static final Pattern ELEMENT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern CANDIDATE = Pattern.compile(".{1,500}", Pattern.DOTALL);
  private static final Pattern URL = Pattern.compile("\\S{1,2048}");
  private static final Pattern MESSAGE = Pattern.compile(".{1,2000}", Pattern.DOTALL);
  private static final String NAME_RULE = "must be 1 to 64 lower-case letters, digits or '_'";

  /** Null when a field is bad: {@code fields} then names it. */
  static CheckReportInput read(JsonObject body, Fields fields) {
    Long epoch = Lease.read(body, fields);
    Boolean ok = bool(body, "ok", "ok", fields);
    String code = fields.optionalText("failureCode", Reports.NAME, NAME_RULE);
    if (code != null && ErrorCode.find(code) == null) {
      fields.problem("failureCode", "must be one of the agent protocol's error codes");
      code = null;
    }
    String message = body.getValue("failureMessage") instanceof String text && text.isBlank() ? null
        : fields.optionalText("failureMessage", MESSAGE, "must be at most 2000 characters");
    JsonArray elements = new JsonArray();
    List<byte[]> screenshots = new ArrayList<>();
    Object value = body.getValue("elements");
    if (!(value instanceof JsonArray list)) {
      fields.problem("elements", value == null ? "is required" : "must be an array");
    } else if (list.size() > MAX_ELEMENTS) {
      fields.problem("elements", "must hold at most " + MAX_ELEMENTS + " elements");
    } else {
      for (int i = 0; i < list.size(); i++) {
        elements.add(element(list.getValue(i), "elements[" + i + "]", fields, screenshots));
      }
      limitScreenshots(screenshots, fields);
    }
    if (!fields.ok()) return null;
    JsonObject stored = new JsonObject().put("ok", ok).put("failureCode", code).put("failureMessage", message)
        .put("elements", elements);
    return new CheckReportInput(epoch, ok, code, message, stored, screenshots);
  }

  /** The element as stored (its screenshot replaced by whether there is one); adds its screenshot or null. */
  private static JsonObject element(Object value, String at, Fields fields, List<byte[]> screenshots) {
    if (!(value instanceof JsonObject e)) {
      fields.problem(at, "must be an object");
      screenshots.add(null);
      return null;
    }
    String step = fields.text(e, "step", at + ".step", Reports.NAME, NAME_RULE, true);
    String element = fields.text(e, "element", at + ".element", ELEMENT,
        "must be 1 to 64 letters, digits, '_', '.' or '-'", true);
    Boolean found = bool(e, "found", at + ".found", fields);
    String matched = fields.text(e, "matched", at + ".matched", CANDIDATE, "must be at most 500 characters", false);
    JsonArray tried = tried(e.getValue("tried"), at + ".tried", fields);
    String url = fields.text(e, "url", at + ".url", URL, "must be a URL of at most 2048 characters", false);
    byte[] png = Screenshots.decode(e.getValue("screenshot"), at + ".screenshot", fields);
    screenshots.add(png);
    return new JsonObject().put("step", step).put("element", element).put("found", found).put("matched", matched)
        .put("tried", tried).put("url", url).put("screenshot", png != null);
  }

  private static JsonArray tried(Object value, String at, Fields fields) {
    if (value == null) return new JsonArray();
    if (!(value instanceof JsonArray list) || list.size() > MAX_TRIED) {
      fields.problem(at, "must be an array of at most " + MAX_TRIED + " candidates");
      return null;
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.getValue(i) instanceof String s && Fields.hasNul(s)) {
        fields.problem(at + "[" + i + "]", Fields.NUL_PROBLEM);
      } else if (!(list.getValue(i) instanceof String s) || !CANDIDATE.matcher(s).matches()) {
        fields.problem(at + "[" + i + "]", "must be a candidate of 1 to 500 characters");
      }
    }
    return list;
  }

  private static void limitScreenshots(List<byte[]> screenshots, Fields fields) {
    long count = screenshots.stream().filter(png -> png != null).count();
    long bytes = screenshots.stream().filter(png -> png != null).mapToLong(png -> png.length).sum();
    if (count > MAX_SCREENSHOTS) {
      fields.problem("elements", "must carry at most " + MAX_SCREENSHOTS + " screenshots");
    } else if (bytes > MAX_SCREENSHOT_BYTES_IN_ALL) {
      fields.problem("elements", "screenshots must be at most " + MAX_SCREENSHOT_BYTES_IN_ALL + " bytes in all");
    }
  }

  private static Boolean bool(JsonObject object, String key, String field, Fields fields) {
    Object value = object.getValue(key);
    if (value instanceof Boolean b) return b;
    fields.problem(field, value == null ? "is required (true or false)" : "must be true or false");
    return null;
  }

  /** The step of the first element that was not found: where a failed check stopped. */
  String firstMissingStep() {
    for (Object e : stored.getJsonArray("elements")) {
      JsonObject element = (JsonObject) e;
      if (!element.getBoolean("found")) return element.getString("step");
    }
    return null;
  }
}
