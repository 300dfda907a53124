package com.aap.sandbox.http;

/** CJ company ids: positive numbers of up to 10 digits, written as numbers or numeric strings. */
public final class Cids {
  private Cids() {}

  public static long parse(String field, Object value) {
    String text = value instanceof Number n && !(value instanceof Double || value instanceof Float)
        ? String.valueOf(n.longValue())
        : value instanceof String s ? s.trim() : null;
    Long cid = text == null ? null : parseOrNull(text);
    if (cid == null) {
      throw BadInput.field(field, "must be a numeric CID (1 to 10 digits)");
    }
    return cid;
  }

  public static Long parseOrNull(String text) {
    if (text == null || text.isEmpty() || text.length() > 10 || !text.chars().allMatch(Character::isDigit)) {
      return null;
    }
    long cid = Long.parseLong(text);
    return cid > 0 ? cid : null;
  }
}
