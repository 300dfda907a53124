package com.aap.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentConfigTest {

  private static final String KEY = "agent-key-for-the-config-tests-0123456789";
  private static final Map<String, String> MINIMAL = Map.of("AGENT_KEY", KEY, "CHROMIUM_PATH", "/usr/bin/chromium");

  @Test
  void defaultsToTheLocalApiAndSandbox() {
    AgentConfig config = AgentConfig.from(MINIMAL);

    assertThat(config.apiUrl()).hasToString("http://localhost:8080");
    assertThat(config.portalUrl()).hasToString("http://localhost:8090/");
    assertThat(config.concurrency()).as("a worker more than cores, at least two")
        .isGreaterThan(Runtime.getRuntime().availableProcessors()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void pointsAtTheRealCjByUrlAlone() {
    AgentConfig config = AgentConfig.from(Map.of("AGENT_KEY", KEY, "CHROMIUM_PATH", "/usr/bin/chromium",
        "CJ_PORTAL_URL", "https://developers.cj.com/"));

    assertThat(config.portalUrl()).hasToString("https://developers.cj.com/");
  }

  @Test
  void aBadConcurrencyNamesTheKey() {
    assertThatThrownBy(() -> AgentConfig.from(Map.of("AGENT_KEY", KEY, "CHROMIUM_PATH", "/x", "AGENT_CONCURRENCY", "two")))
        .hasMessageContaining("AGENT_CONCURRENCY");
  }

  @Test
  void theMetricsPortIsOffUnlessSetAndABadOneNamesTheKey() {
    assertThat(AgentConfig.from(MINIMAL).metricsPort()).isNull();
    assertThat(AgentConfig.from(Map.of("AGENT_KEY", KEY, "CHROMIUM_PATH", "/x", "AGENT_METRICS_PORT", "9464")).metricsPort())
        .isEqualTo(9464);
    assertThatThrownBy(() -> AgentConfig.from(Map.of("AGENT_KEY", KEY, "CHROMIUM_PATH", "/x", "AGENT_METRICS_PORT", "70000")))
        .hasMessageContaining("AGENT_METRICS_PORT");
  }

  @Test
  void aMissingKeyNamesTheKey() {
    assertThatThrownBy(() -> AgentConfig.from(Map.of("CHROMIUM_PATH", "/x"))).hasMessageContaining("AGENT_KEY");
  }

  @Test
  void aKeyShorterThan32CharactersIsRefusedSayingSo() {
    assertThatThrownBy(() -> AgentConfig.from(Map.of("AGENT_KEY", "k1", "CHROMIUM_PATH", "/x")))
        .hasMessageContaining("AGENT_KEY must have at least 32 characters (it has 2)");
    assertThat(AgentConfig.from(Map.of("AGENT_KEY", "k".repeat(32), "CHROMIUM_PATH", "/x")).agentKey()).hasSize(32);
  }

  @Test
  void aRelativeApiUrlNamesTheKey() {
    assertThatThrownBy(() -> AgentConfig.from(Map.of("AGENT_KEY", KEY, "CHROMIUM_PATH", "/x", "API_URL", "api:8080")))
        .hasMessageContaining("API_URL");
  }

  @Test
  void theApiAndThePortalAreReachedOverHttpsUnlessTheyAreOnThisMachine() {
    assertThatThrownBy(() -> AgentConfig.from(Map.of("AGENT_KEY", KEY, "CHROMIUM_PATH", "/x",
        "API_URL", "http://api.agency.example:8080")))
        .hasMessage("API_URL must be an https URL unless its host is localhost, 127.0.0.1 or ::1 (was http://api.agency.example)");
    assertThatThrownBy(() -> AgentConfig.from(Map.of("AGENT_KEY", KEY, "CHROMIUM_PATH", "/x",
        "CJ_PORTAL_URL", "http://developers.cj.com/"))).hasMessageStartingWith("CJ_PORTAL_URL must be an https URL");
    assertThatThrownBy(() -> AgentConfig.from(Map.of("AGENT_KEY", KEY, "CHROMIUM_PATH", "/x",
        "API_URL", "ftp://localhost/"))).hasMessageStartingWith("API_URL must be an absolute http(s) URL");
    for (String url : new String[] {"https://api.agency.example", "http://localhost:8080", "http://127.0.0.1:8080",
        "http://[::1]:8080"}) {
      assertThat(AgentConfig.from(Map.of("AGENT_KEY", KEY, "CHROMIUM_PATH", "/x", "API_URL", url)).apiUrl())
          .hasToString(url);
    }
  }

  @Test
  void patienceKeysAreReadAndABadOneIsNamed() {
    var values = new java.util.HashMap<>(MINIMAL);
    values.put("AGENT_HANDOVER_PATIENCE_SECONDS", "90");
    values.put("AGENT_TEST_PAUSE_AFTER", "registering:1500");

    Patience patience = AgentConfig.from(values).patience();

    assertThat(patience.handOver()).isEqualTo(java.time.Duration.ofSeconds(90));
    assertThat(patience.pauseAfterStep()).isEqualTo("registering");
    assertThat(patience.pause()).isEqualTo(java.time.Duration.ofMillis(1500));
    values.put("AGENT_SIGN_IN_WAIT_SECONDS", "0");
    assertThatThrownBy(() -> AgentConfig.from(values)).hasMessageContaining("AGENT_SIGN_IN_WAIT_SECONDS");
  }
}
