package com.aap.sandbox.control;

import com.aap.sandbox.http.BadInput;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** ISO-8601 query parameters as epoch seconds, rounded up (records are posted at whole seconds). */
final class Times {
  private Times() {}

  static long required(RoutingContext rc, String param) {
    String text = rc.request().getParam(param);
    if (text == null || text.isBlank()) {
      throw BadInput.field(param, "required (ISO-8601, e.g. 2026-01-01T00:00:00Z)");
    }
    try {
      Instant instant = OffsetDateTime.parse(text.trim()).toInstant();
      return instant.getNano() == 0 ? instant.getEpochSecond() : instant.getEpochSecond() + 1;
    } catch (DateTimeParseException e) {
      throw BadInput.field(param, "not an ISO-8601 date-time");
    }
  }
}
