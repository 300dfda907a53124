package com.aap.sandbox.accounts;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.security.InvalidKeyException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/** RFC 6238 codes: 6 digits, 30 s steps, HMAC-SHA1; the previous and next step are accepted too. */
public final class Totp {
  private static final Duration STEP = Duration.ofSeconds(30);
  private static final Base32 BASE32 = new Base32();
  private static final Pattern ALPHABET = Pattern.compile("[A-Z2-7]*");

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
    SecretKeySpec key = new SecretKeySpec(secret(base32Secret), generator.getAlgorithm());
    try {
      return generator.generateOneTimePasswordString(key, at, Locale.ROOT);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("unusable TOTP secret", e);
    }
  }

  /** Whether the text is a base32 secret long enough to be used (at least 80 bits). */
  public static boolean isValidSecret(String base32Secret) {
    try {
      return secret(base32Secret).length >= 10;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * RFC 4648 base32 as authenticator apps show it: any case, spaces and padding ignored. Any other character
   * throws {@link IllegalArgumentException} (commons-codec would skip it), and a lone last character (5 bits,
   * no whole byte) is dropped (commons-codec would make a byte of it), so the codes are the ones we always gave.
   */
  static byte[] secret(String base32Secret) {
    String clean = base32Secret.replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT);
    if (!ALPHABET.matcher(clean).matches()) {
      throw new IllegalArgumentException("the TOTP secret is not base32 (RFC 4648)");
    }
    return BASE32.decode(clean.length() % 8 == 1 ? clean.substring(0, clean.length() - 1) : clean);
  }
}
