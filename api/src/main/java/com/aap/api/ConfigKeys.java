package com.aap.api;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Reads configuration keys: system property, then environment (through {@code lookup}), then the
 * default. A bad value fails with an {@link IllegalArgumentException} that names its key.
 */
public record ConfigKeys(Function<String, String> lookup) {
  public String get(String key) {
    String value = lookup.apply(key);
    return value == null || value.isBlank() ? null : value.trim();
  }

  public int integer(String key, int defaultValue, int min, int max) {
    String value = get(key);
    if (value == null) return defaultValue;
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < min || parsed > max) throw bad(key, "must be between " + min + " and " + max);
      return parsed;
    } catch (NumberFormatException e) {
      throw bad(key, "must be a whole number");
    }
  }

  String databaseUrl() {
    return get("DATABASE_URL");
  }

  String vaultKeyset() {
    String inline = get("VAULT_KEYSET");
    if (inline != null) return inline;
    String file = get("VAULT_KEYSET_FILE");
    if (file == null) throw bad("VAULT_KEYSET", "is required (or VAULT_KEYSET_FILE)");
    try {
      return Files.readString(Path.of(file));
    } catch (IOException | RuntimeException e) {
      throw bad("VAULT_KEYSET_FILE", "cannot be read: " + e.getClass().getSimpleName());
    }
  }

  /** The configured agent keys; none when unset (agents then use keys admins registered). */
  List<String> agentKeys() {
    String value = get("AGENT_KEYS");
    if (value == null) return List.of();
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  public String httpUrl(String key, String defaultValue) {
    String value = get(key);
    return checkHttpUrl(key, value == null ? defaultValue : value);
  }

  public static String checkHttpUrl(String key, String value) {
    try {
      URI uri = URI.create(value);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) return value;
    } catch (RuntimeException ignored) {
      // reported below
    }
    throw bad(key, "must be an http(s) URL");
  }

  /** Hosts that may be reached over plain http: this machine only. */
  private static final java.util.Set<String> LOCAL_HOSTS = java.util.Set.of("localhost", "127.0.0.1", "::1", "[::1]");

  /**
   * An http(s) URL that is https unless its host is this machine (localhost, 127.0.0.1, ::1): what travels to
   * it (a CJ token, a CJ password) must not cross a network in clear text.
   */
  public static String checkSecureUrl(String key, String value) {
    checkHttpUrl(key, value);
    URI uri = URI.create(value);
    if ("http".equals(uri.getScheme()) && !LOCAL_HOSTS.contains(uri.getHost().toLowerCase(java.util.Locale.ROOT))) {
      throw bad(key, "must be an https URL unless its host is localhost, 127.0.0.1 or ::1 (was http://" + uri.getHost()
          + ")");
    }
    return value;
  }

  public static IllegalArgumentException bad(String key, String problem) {
    return new IllegalArgumentException(key + " " + problem);
  }
}
