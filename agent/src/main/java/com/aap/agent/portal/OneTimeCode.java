package com.aap.agent.portal;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.security.InvalidKeyException;
import org.apache.commons.codec.binary.Base32;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.spec.SecretKeySpec;

/** RFC 6238 codes (6 digits, 30 s, HMAC-SHA1) from a base32 secret, as authenticator apps make them. */
final class OneTimeCode {

  private static final TimeBasedOneTimePasswordGenerator TOTP = new TimeBasedOneTimePasswordGenerator();
  private static final long STEP_MILLIS = 30_000;
  private static final long MIN_LIFE_MILLIS = 5_000;

  private OneTimeCode() {
  }

  /**
   * A code with at least five seconds of life left, so it is still valid when CJ checks it: near the
   * end of a 30-second step this waits for the next one.
   */
  static String fresh(String base32Secret) {
    Instant now = Instant.now();
    long millisLeft = STEP_MILLIS - now.toEpochMilli() % STEP_MILLIS;
    if (millisLeft < MIN_LIFE_MILLIS) {
      sleep(millisLeft + 50);
      now = Instant.now();
    }
    return at(base32Secret, now);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String at(String base32Secret, Instant instant) {
    try {
      var key = new SecretKeySpec(new Base32().decode(base32Secret.toUpperCase(Locale.ROOT)), TOTP.getAlgorithm());
      return String.format(Locale.ROOT, "%06d", TOTP.generateOneTimePassword(key, instant));
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("the TOTP secret is not a usable key");
    }
  }
}
