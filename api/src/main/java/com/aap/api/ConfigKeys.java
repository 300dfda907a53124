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

  public static IllegalArgumentException bad(String key, String problem) {
    return new IllegalArgumentException(key + " " + problem);
  }
}
