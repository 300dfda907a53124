package com.aap.sandbox.portal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Keeps {@code returnTo} on this site: only a local absolute path is accepted, anything else is "/". */
final class Urls {
  private Urls() {}

  static String safeReturnTo(String candidate) {
    if (candidate == null || !candidate.startsWith("/") || candidate.startsWith("//")
        || candidate.contains("\\") || candidate.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return "/";
    }
    return candidate;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
