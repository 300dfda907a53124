package com.aap.api;

import com.aap.api.metrics.MetricsSettings;
import com.aap.api.vault.Vault;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiConfigTest {

  private static final String KEYSET = Vault.generateDevelopmentKeyset();
  private static final String K1 = "first-agent-key-0123456789abcdefghij";
  private static final String K2 = "second-agent-key-0123456789abcdefghij";

  @Test
  void unsetKeysTakeTheirDefaults() {
    ApiConfig config = ApiConfig.fromLookup(Map.of("VAULT_KEYSET", KEYSET, "AGENT_KEYS", K1 + ", " + K2)::get);
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.databaseUrl()).isNull();
    assertThat(config.agentKeys()).containsExactly(K1, K2);
    assertThat(config.cjCommissionsUrl()).isEqualTo("http://localhost:8090/query");
    assertThat(config.retrievalDays()).isEqualTo(90);
    assertThat(config.jobs().maxAttempts()).isEqualTo(3);
  }

  @Test
  void aBadValueFailsNamingItsKey() {
    assertThatThrownBy(() -> ApiConfig.fromLookup(Map.of("VAULT_KEYSET", KEYSET, "AGENT_KEYS", K1, "API_PORT", "eighty")::get))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("API_PORT");
    assertThatThrownBy(() -> ApiConfig.fromLookup(Map.of("AGENT_KEYS", K1)::get))
        .hasMessageContaining("VAULT_KEYSET");
    assertThatThrownBy(() -> ApiConfig.fromLookup(Map.of("VAULT_KEYSET", "{}", "AGENT_KEYS", K1)::get))
        .hasMessageContaining("VAULT_KEYSET");
    assertThatThrownBy(() -> ApiConfig.fromLookup(
        Map.of("VAULT_KEYSET", KEYSET, "AGENT_KEYS", K1, "DATABASE_URL", "mysql://x")::get))
        .hasMessageContaining("DATABASE_URL");
    assertThatThrownBy(() -> ApiConfig.fromLookup(
        Map.of("VAULT_KEYSET", KEYSET, "DATABASE_URL", "postgresql://db/aap?sslmode=verify-full")::get))
        .hasMessageStartingWith("DATABASE_URL sslmode=verify-full needs sslrootcert");
  }

  @Test
  void aConfiguredAgentKeyShorterThan32CharactersStopsStartUpNamingItsPosition() {
    assertThatThrownBy(() -> ApiConfig.fromLookup(Map.of("VAULT_KEYSET", KEYSET, "AGENT_KEYS", K1 + ",k2," + K2)::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("AGENT_KEYS key 2 of 3 has 2 characters; each must have at least 32")
        .hasMessageNotContaining(K1);
  }

  @Test
  void cjsApiIsReachedOverHttpsUnlessItIsOnThisMachine() {
    assertThatThrownBy(() -> ApiConfig.fromLookup(Map.of("VAULT_KEYSET", KEYSET,
        "CJ_COMMISSIONS_URL", "http://commissions.api.cj.com/query")::get))
        .hasMessageStartingWith("CJ_COMMISSIONS_URL must be an https URL unless its host is localhost");
    for (String url : new String[] {"https://commissions.api.cj.com/query", "http://localhost:8090/query",
        "http://127.0.0.1:8090/query", "http://[::1]:8090/query"}) {
      assertThat(ApiConfig.fromLookup(Map.of("VAULT_KEYSET", KEYSET, "CJ_COMMISSIONS_URL", url)::get).cjCommissionsUrl())
          .isEqualTo(url);
    }
  }

  @Test
  void withoutConfiguredAgentKeysOnlyRegisteredOnesWork() {
    assertThat(ApiConfig.fromLookup(Map.of("VAULT_KEYSET", KEYSET)::get).agentKeys()).isEmpty();
  }

  @Test
  void theKeysetCanComeFromAFile() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("keyset", ".json");
    java.nio.file.Files.writeString(file, KEYSET);
    ApiConfig config = ApiConfig.fromLookup(Map.of("VAULT_KEYSET_FILE", file.toString(), "AGENT_KEYS", K1)::get);
    assertThat(config.vaultKeyset()).isEqualTo(KEYSET);
  }

  @Test
  void systemPropertiesComeBeforeTheEnvironment() {
    System.setProperty("JOB_MAX_ATTEMPTS", "7");
    System.setProperty("AGENT_KEYS", K2);
    System.setProperty("VAULT_KEYSET", KEYSET);
    try {
      ApiConfig config = ApiConfig.fromEnvironment();
      assertThat(config.jobs().maxAttempts()).isEqualTo(7);
      assertThat(config.agentKeys()).isEqualTo(List.of(K2));
    } finally {
      System.clearProperty("JOB_MAX_ATTEMPTS");
      System.clearProperty("AGENT_KEYS");
      System.clearProperty("VAULT_KEYSET");
    }
  }

  @Test
  void toStringShowsNoSecrets() {
    ApiConfig config = ApiConfig.defaults().withVaultKeyset(KEYSET).withAgentKeys(List.of("secret-agent-key"))
        .withMetrics(MetricsSettings.defaults().withToken("secret-metrics-token-0123456789abcdef"));
    assertThat(config.toString()).doesNotContain("secret-agent-key").doesNotContain(KEYSET)
        .doesNotContain("secret-metrics-token").contains("metrics=token");
  }

  @Test
  void metricsAreOnAndOpenByDefaultOffWhenDisabledAndAShortTokenStopsStartUp() {
    assertThat(ApiConfig.fromLookup(Map.of("VAULT_KEYSET", KEYSET)::get).metrics()).isEqualTo(MetricsSettings.defaults());
    assertThat(ApiConfig.fromLookup(Map.of("VAULT_KEYSET", KEYSET, "METRICS_ENABLED", "false")::get).metrics().enabled())
        .isFalse();
    assertThatThrownBy(() -> ApiConfig.fromLookup(Map.of("VAULT_KEYSET", KEYSET, "METRICS_TOKEN", "tiny-token")::get))
        .hasMessageStartingWith("METRICS_TOKEN must have at least 32 characters").hasMessageNotContaining("tiny-token");
  }

  @Test
  void leaseAndBackoffAreConfigurableAndTheLeaseBoundsTheReclaimTime() {
    ApiConfig config = ApiConfig.fromLookup(Map.of("VAULT_KEYSET", KEYSET, "AGENT_KEYS", K1,
        "JOB_LEASE_SECONDS", "12", "JOB_BACKOFF_BASE_MILLIS", "500")::get);

    assertThat(config.jobs().leaseSeconds()).isEqualTo(12);
    assertThat(config.jobs().backoffBaseMillis()).isEqualTo(500);
    assertThat(JobSettings.defaults().reclaimWithin()).isLessThanOrEqualTo(java.time.Duration.ofSeconds(30));
    assertThatThrownBy(() -> ApiConfig.fromLookup(Map.of("VAULT_KEYSET", KEYSET, "AGENT_KEYS", K1,
        "JOB_LEASE_SECONDS", "1")::get)).hasMessageContaining("JOB_LEASE_SECONDS");
  }
}
