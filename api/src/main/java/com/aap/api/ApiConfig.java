package com.aap.api;

import com.aap.api.vault.Vault;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The API's configuration. Every key is read from a system property of the same name, then the
 * environment, then the default (docs/design.md, "Configuration keys").
 */
public record ApiConfig(int port, String databaseUrl, String vaultKeyset, List<String> agentKeys,
                        String cjCommissionsUrl, int retrievalDays, int jobMaxAttempts) {

  public static final String DEFAULT_CJ_COMMISSIONS_URL = "http://localhost:8090/query";

  public ApiConfig {
    agentKeys = agentKeys == null ? List.of() : List.copyOf(agentKeys);
  }

  /** Defaults without secrets: set the vault keyset and the agent keys before starting. */
  public static ApiConfig defaults() {
    return new ApiConfig(8080, null, null, List.of(), DEFAULT_CJ_COMMISSIONS_URL, 90, 3);
  }

  public static ApiConfig fromEnvironment() {
    return fromLookup(key -> {
      String value = System.getProperty(key);
      return value != null ? value : System.getenv(key);
    });
  }

  static ApiConfig fromLookup(Function<String, String> lookup) {
    Keys keys = new Keys(lookup);
    ApiConfig config = new ApiConfig(
        keys.integer("API_PORT", 8080, 0, 65535),
        keys.databaseUrl(),
        keys.vaultKeyset(),
        keys.agentKeys(),
        keys.httpUrl("CJ_COMMISSIONS_URL", DEFAULT_CJ_COMMISSIONS_URL),
        keys.integer("RETRIEVAL_DAYS", 90, 1, 3650),
        keys.integer("JOB_MAX_ATTEMPTS", 3, 1, 100));
    config.validate();
    return config;
  }

  /** Fails with an {@link IllegalArgumentException} naming the key of the first bad value. */
  public ApiConfig validate() {
    if (port < 0 || port > 65535) throw bad("API_PORT", "must be a port number between 0 and 65535");
    if (databaseUrl != null && !databaseUrl.matches("postgres(ql)?://.+")) {
      throw bad("DATABASE_URL", "must look like postgresql://user:pass@host:port/db");
    }
    if (vaultKeyset == null || vaultKeyset.isBlank()) throw bad("VAULT_KEYSET", "is required (or VAULT_KEYSET_FILE)");
    Vault.fromKeyset(vaultKeyset); // throws naming VAULT_KEYSET
    if (agentKeys.isEmpty() || agentKeys.stream().anyMatch(String::isBlank)) {
      throw bad("AGENT_KEYS", "is required: comma-separated agent keys");
    }
    Keys.checkHttpUrl("CJ_COMMISSIONS_URL", cjCommissionsUrl);
    if (retrievalDays < 1) throw bad("RETRIEVAL_DAYS", "must be at least 1");
    if (jobMaxAttempts < 1) throw bad("JOB_MAX_ATTEMPTS", "must be at least 1");
    return this;
  }

  public ApiConfig withPort(int port) {
    return new ApiConfig(port, databaseUrl, vaultKeyset, agentKeys, cjCommissionsUrl, retrievalDays, jobMaxAttempts);
  }

  public ApiConfig withDatabaseUrl(String databaseUrl) {
    return new ApiConfig(port, databaseUrl, vaultKeyset, agentKeys, cjCommissionsUrl, retrievalDays, jobMaxAttempts);
  }

  public ApiConfig withVaultKeyset(String vaultKeyset) {
    return new ApiConfig(port, databaseUrl, vaultKeyset, agentKeys, cjCommissionsUrl, retrievalDays, jobMaxAttempts);
  }

  public ApiConfig withAgentKeys(List<String> agentKeys) {
    return new ApiConfig(port, databaseUrl, vaultKeyset, agentKeys, cjCommissionsUrl, retrievalDays, jobMaxAttempts);
  }

  public ApiConfig withCjCommissionsUrl(String cjCommissionsUrl) {
    return new ApiConfig(port, databaseUrl, vaultKeyset, agentKeys, cjCommissionsUrl, retrievalDays, jobMaxAttempts);
  }

  public ApiConfig withRetrievalDays(int retrievalDays) {
    return new ApiConfig(port, databaseUrl, vaultKeyset, agentKeys, cjCommissionsUrl, retrievalDays, jobMaxAttempts);
  }

  public ApiConfig withJobMaxAttempts(int jobMaxAttempts) {
    return new ApiConfig(port, databaseUrl, vaultKeyset, agentKeys, cjCommissionsUrl, retrievalDays, jobMaxAttempts);
  }

  /** Never prints the keyset or the agent keys. */
  @Override
  public String toString() {
    return "ApiConfig[port=" + port + ", database=" + (databaseUrl == null ? "embedded" : "external")
        + ", agentKeys=" + agentKeys.size() + ", cjCommissionsUrl=" + cjCommissionsUrl
        + ", retrievalDays=" + retrievalDays + ", jobMaxAttempts=" + jobMaxAttempts + "]";
  }

  static IllegalArgumentException bad(String key, String problem) {
    return new IllegalArgumentException(key + " " + problem);
  }

  private record Keys(Function<String, String> lookup) {
    String get(String key) {
      String value = lookup.apply(key);
      return value == null || value.isBlank() ? null : value.trim();
    }

    int integer(String key, int defaultValue, int min, int max) {
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

    List<String> agentKeys() {
      String value = get("AGENT_KEYS");
      if (value == null) throw bad("AGENT_KEYS", "is required: comma-separated agent keys");
      return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    String httpUrl(String key, String defaultValue) {
      String value = get(key);
      return checkHttpUrl(key, value == null ? defaultValue : value);
    }

    static String checkHttpUrl(String key, String value) {
      try {
        URI uri = URI.create(value);
        if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) return value;
      } catch (RuntimeException ignored) {
        // reported below
      }
      throw bad(key, "must be an http(s) URL");
    }
  }
}
