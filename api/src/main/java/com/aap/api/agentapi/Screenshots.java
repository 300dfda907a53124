package com.aap.api.agentapi;

import com.aap.api.http.Fields;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.Base64;

/**
 * The optional {@code screenshot} of a failure report (and of each element of a portal check report): a base64
 * PNG of at most {@value #MAX_BYTES} bytes.
 */
final class Screenshots {

  static final int MAX_BYTES = 2 * 1024 * 1024;
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private Screenshots() {
  }

  static byte[] read(JsonObject body, Fields fields) {
    return decode(body.getValue("screenshot"), "screenshot", fields);
  }

  /** A base64 PNG (null stays null); anything else is a problem with {@code field}. */
  static byte[] decode(Object value, String field, Fields fields) {
    if (value == null) return null;
    if (!(value instanceof String text) || text.length() > MAX_BYTES / 3 * 4 + 4) {
      fields.problem(field, "must be a base64 PNG of at most " + MAX_BYTES + " bytes");
      return null;
    }
    try {
      byte[] png = Base64.getDecoder().decode(text);
      if (png.length <= MAX_BYTES && png.length > PNG_SIGNATURE.length
          && Arrays.equals(Arrays.copyOf(png, PNG_SIGNATURE.length), PNG_SIGNATURE)) {
        return png;
      }
    } catch (IllegalArgumentException ignored) {
      // reported below
    }
    fields.problem(field, "must be a base64 PNG of at most " + MAX_BYTES + " bytes");
    return null;
  }
}
