package com.aap.api.live;

import com.aap.protocol.LiveMessages;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * A specialist's input to the live view, checked and rebuilt from its known fields only: a click or wheel at
 * a point given as fractions of the frame, typed text (relayed, never logged), or one of the allowed keys.
 * Anything else is dropped.
 */
final class LiveInput {

  private static final double MAX_WHEEL = 5_000;

  private LiveInput() {
  }

  /** The input to relay to the agent, or null when the message is not one. */
  static JsonObject check(String text) {
    JsonObject in = parse(text);
    if (in == null || !(in.getValue("type") instanceof String type)) return null;
    JsonObject out = new JsonObject().put("type", type);
    return switch (type) {
      case LiveMessages.CLICK -> point(in, out);
      case LiveMessages.WHEEL -> in.getValue("dy") instanceof Number dy && Math.abs(dy.doubleValue()) <= MAX_WHEEL
          ? point(in, out.put("dy", dy.doubleValue())) : null;
      case LiveMessages.TEXT -> in.getValue("text") instanceof String typed && !typed.isEmpty()
          && typed.length() <= LiveMessages.MAX_TEXT && typed.chars().noneMatch(Character::isISOControl)
          ? out.put("text", typed) : null;
      case LiveMessages.KEY -> in.getValue("key") instanceof String key && LiveMessages.KEYS.contains(key)
          ? out.put("key", key) : null;
      default -> null;
    };
  }

  /** A JSON object, or null. */
  static JsonObject parse(String text) {
    try {
      return text.length() > 4 * LiveMessages.MAX_TEXT ? null : new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }

  private static JsonObject point(JsonObject in, JsonObject out) {
    if (in.getValue("x") instanceof Number x && in.getValue("y") instanceof Number y && fraction(x) && fraction(y)) {
      return out.put("x", x.doubleValue()).put("y", y.doubleValue());
    }
    return null;
  }

  private static boolean fraction(Number n) {
    double value = n.doubleValue();
    return value >= 0 && value <= 1;
  }
}
