package com.aap.api.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 password hashes, stored as {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} so a hash made
 * with fewer iterations still checks, and {@link #needsRehash} says to replace it. Slow on purpose (a few
 * tenths of a second): call through {@link PasswordWorkers}, never on the event loop.
 */
public final class Passwords {

  static final int ITERATIONS = 600_000; // OWASP's Password Storage Cheat Sheet for PBKDF2-HMAC-SHA256
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

  private Passwords() {
  }

  public static String hash(String password) {
    return hash(password, ITERATIONS);
  }

  public static boolean matches(String password, String stored) {
    int iterations = iterations(stored);
    if (iterations < 1) return false;
    String[] parts = stored.split("\\$");
    byte[] expected = Base64.getDecoder().decode(parts[3]);
    byte[] actual = derive(password, Base64.getDecoder().decode(parts[2]), iterations);
    return MessageDigest.isEqual(expected, actual);
  }

  /** A stored hash made with fewer iterations than today's (or in another form): hash the password anew. */
  public static boolean needsRehash(String stored) {
    return iterations(stored) < ITERATIONS;
  }

  /** The iteration count a stored hash was made with; 0 when it is not a PBKDF2-SHA256 hash of ours. */
  static int iterations(String stored) {
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !"pbkdf2-sha256".equals(parts[0])) return 0;
    try {
      return Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Today's hashes; tests also make an older release's with fewer iterations. */
  static String hash(String password, int iterations) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return "pbkdf2-sha256$" + iterations + "$" + B64.encodeToString(salt) + "$"
        + B64.encodeToString(derive(password, salt, iterations));
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (java.security.NoSuchAlgorithmException | InvalidKeySpecException e) {
      throw new IllegalStateException(e);
    } finally {
      spec.clearPassword();
    }
  }
}
