package com.aap.sandbox.accounts;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.security.InvalidKeyException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.spec.SecretKeySpec;

/** RFC 6238 codes: 6 digits, 30 s steps, HMAC-SHA1; the previous and next step are accepted too. */
public final class Totp {
  private static final Duration STEP = Duration.ofSeconds(30);

  private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(STEP, 6);
  private final Clock clock;

  public Totp(Clock clock) {
    this.clock = clock;
  }

  public boolean verify(String base32Secret, String code) {
    if (code == null || !code.trim().matches("\\d{6}")) {
      return false;
    }
    Instant now = clock.instant();
    for (int step = -1; step <= 1; step++) {
      if (code(base32Secret, now.plus(STEP.multipliedBy(step))).equals(code.trim())) {
        return true;
      }
    }
    return false;
  }

  /** The code for the given moment (tests and tools compute codes with this). */
  public String code(String base32Secret, Instant at) {
    SecretKeySpec key = new SecretKeySpec(Base32.decode(base32Secret), generator.getAlgorithm());
    try {
      return generator.generateOneTimePasswordString(key, at, Locale.ROOT);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("unusable TOTP secret", e);
    }
  }

  /** Whether the text is a base32 secret long enough to be used (at least 80 bits). */
  public static boolean isValidSecret(String base32Secret) {
    try {
      return Base32.decode(base32Secret).length >= 10;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
