package com.aap.api;

import com.aap.api.db.DatabaseUrl;
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
                        String cjCommissionsUrl, int retrievalDays, JobSettings jobs, AccessSettings access,
                        SyncSettings sync) {

  public static final String DEFAULT_CJ_COMMISSIONS_URL = "http://localhost:8090/query";
  /** As long as a registered agent key's random part: a configured key must not be easier to guess. */
  public static final int MIN_AGENT_KEY_LENGTH = 32;

  public ApiConfig {
    agentKeys = agentKeys == null ? List.of() : List.copyOf(agentKeys);
  }

  /** Defaults without secrets: set the vault keyset and the agent keys before starting. */
  public static ApiConfig defaults() {
    return new ApiConfig(8080, null, null, List.of(), DEFAULT_CJ_COMMISSIONS_URL, 90, JobSettings.defaults(),
        AccessSettings.defaults(), SyncSettings.defaults());
  }

  public static ApiConfig fromEnvironment() {
    return fromLookup(key -> {
      String value = System.getProperty(key);
      return value != null ? value : System.getenv(key);
    });
  }

  static ApiConfig fromLookup(Function<String, String> lookup) {
    ConfigKeys keys = new ConfigKeys(lookup);
    ApiConfig config = new ApiConfig(
        keys.integer("API_PORT", 8080, 0, 65535),
        keys.databaseUrl(),
        keys.vaultKeyset(),
        keys.agentKeys(),
        keys.httpUrl("CJ_COMMISSIONS_URL", DEFAULT_CJ_COMMISSIONS_URL),
        keys.integer("RETRIEVAL_DAYS", 90, 1, 3650),
        JobSettings.from(keys),
        AccessSettings.from(keys),
        SyncSettings.from(keys));
    config.validate();
    return config;
  }

  /** Fails with an {@link IllegalArgumentException} naming the key of the first bad value. */
  public ApiConfig validate() {
    if (port < 0 || port > 65535) throw bad("API_PORT", "must be a port number between 0 and 65535");
    if (databaseUrl != null && !databaseUrl.matches("postgres(ql)?://.+")) {
      throw bad("DATABASE_URL", "must look like postgresql://user:pass@host:port/db");
    }
    if (databaseUrl != null) checkDatabaseUrl();
    if (vaultKeyset == null || vaultKeyset.isBlank()) throw bad("VAULT_KEYSET", "is required (or VAULT_KEYSET_FILE)");
    Vault.fromKeyset(vaultKeyset); // throws naming VAULT_KEYSET
    checkAgentKeys();
    ConfigKeys.checkSecureUrl("CJ_COMMISSIONS_URL", cjCommissionsUrl); // CJ tokens travel to it
    if (retrievalDays < 1) throw bad("RETRIEVAL_DAYS", "must be at least 1");
    jobs.validate();
    access.validate();
    sync.validate();
    return this;
  }

  /** Parses it as the pool and Flyway will: a bad sslmode, sslrootcert or parameter stops start-up. */
  private void checkDatabaseUrl() {
    try {
      DatabaseUrl.parse(databaseUrl);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("DATABASE_URL ")) throw e;
      throw bad("DATABASE_URL", "is not a URL like postgresql://user:pass@host:port/db");
    }
  }

  /** Each configured agent key at least {@value #MIN_AGENT_KEY_LENGTH} characters; a short one is named by its position. */
  private void checkAgentKeys() {
    for (int i = 0; i < agentKeys.size(); i++) {
      int length = agentKeys.get(i).strip().length();
      if (length < MIN_AGENT_KEY_LENGTH) {
        throw bad("AGENT_KEYS", "key " + (i + 1) + " of " + agentKeys.size() + " has " + length + " characters; each must "
            + "have at least " + MIN_AGENT_KEY_LENGTH + " (make one with: openssl rand -base64 32), or register agent "
            + "keys with POST /api/agent-keys");
      }
    }
  }

  public ApiConfig withPort(int port) {
    return new ApiConfig(port, databaseUrl, vaultKeyset, agentKeys, cjCommissionsUrl, retrievalDays, jobs, access, sync);
  }

  public ApiConfig withDatabaseUrl(String databaseUrl) {
    return new ApiConfig(port, databaseUrl, vaultKeyset, agentKeys, cjCommissionsUrl, retrievalDays, jobs, access, sync);
  }

  public ApiConfig withVaultKeyset(String vaultKeyset) {
    return new ApiConfig(port, databaseUrl, vaultKeyset, agentKeys, cjCommissionsUrl, retrievalDays, jobs, access, sync);
  }

  public ApiConfig withAgentKeys(List<String> agentKeys) {
    return new ApiConfig(port, databaseUrl, vaultKeyset, agentKeys, cjCommissionsUrl, retrievalDays, jobs, access, sync);
  }

  public ApiConfig withCjCommissionsUrl(String cjCommissionsUrl) {
    return new ApiConfig(port, databaseUrl, vaultKeyset, agentKeys, cjCommissionsUrl, retrievalDays, jobs, access, sync);
  }

  public ApiConfig withRetrievalDays(int retrievalDays) {
    return new ApiConfig(port, databaseUrl, vaultKeyset, agentKeys, cjCommissionsUrl, retrievalDays, jobs, access, sync);
  }

  public ApiConfig withJobs(JobSettings jobs) {
    return new ApiConfig(port, databaseUrl, vaultKeyset, agentKeys, cjCommissionsUrl, retrievalDays, jobs, access, sync);
  }

  public ApiConfig withAccess(AccessSettings access) {
    return new ApiConfig(port, databaseUrl, vaultKeyset, agentKeys, cjCommissionsUrl, retrievalDays, jobs, access, sync);
  }

  public ApiConfig withSync(SyncSettings sync) {
    return new ApiConfig(port, databaseUrl, vaultKeyset, agentKeys, cjCommissionsUrl, retrievalDays, jobs, access, sync);
  }

  /** Never prints the keyset or the agent keys. */
  @Override
  public String toString() {
    return "ApiConfig[port=" + port + ", database=" + (databaseUrl == null ? "embedded" : "external")
        + ", agentKeys=" + agentKeys.size() + ", cjCommissionsUrl=" + cjCommissionsUrl
        + ", retrievalDays=" + retrievalDays + ", " + jobs + ", " + access + ", " + sync + "]";
  }

  static IllegalArgumentException bad(String key, String problem) {
    return ConfigKeys.bad(key, problem);
  }
}
