package com.aap.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Random session ids and API keys, and the digests they are stored and compared as. */
public final class Secrets {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {
  }

  /** 256 random bits, URL-safe base64 with a prefix that says what it is. */
  public static String random(String prefix) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The anti-forgery token of a session: derived from its id, so a page on another site (which cannot read
   * the cookie) cannot compute it, and nothing more needs storing.
   */
  public static String csrfToken(String sessionId) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("csrf:" + sessionId));
  }

  public static boolean sameText(String a, String b) {
    return a != null && b != null
        && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
