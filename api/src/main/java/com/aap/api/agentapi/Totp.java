package com.aap.api.agentapi;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;

import javax.crypto.spec.SecretKeySpec;
import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** RFC 6238 codes (6 digits, 30 s, HMAC-SHA1) from a base32 secret, as authenticator apps make them. */
final class Totp {

  private static final TimeBasedOneTimePasswordGenerator TOTP = new TimeBasedOneTimePasswordGenerator();
  private static final long STEP_MILLIS = 30_000;
  /** A code handed out must still be valid when CJ checks it. */
  static final Duration MIN_LIFE = Duration.ofSeconds(5);

  private Totp() {
  }

  static String code(String base32Secret, Instant instant) {
    try {
      var key = new SecretKeySpec(new Base32().decode(base32Secret.toUpperCase(Locale.ROOT)), TOTP.getAlgorithm());
      return String.format(Locale.ROOT, "%06d", TOTP.generateOneTimePassword(key, instant));
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("the TOTP secret is not a usable key");
    }
  }

  /** How long to wait at {@code now} for a code with at least {@link #MIN_LIFE} left: zero, or until the next step. */
  static Duration waitForFreshCode(Instant now) {
    long left = STEP_MILLIS - now.toEpochMilli() % STEP_MILLIS;
    return left < MIN_LIFE.toMillis() ? Duration.ofMillis(left + 50) : Duration.ZERO;
  }
}
