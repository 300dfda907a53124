package com.aap.stack.chaos;

import com.aap.agent.Agent;
import com.aap.agent.AgentConfig;
import com.aap.api.testing.TestApi;
import java.util.HashMap;
import java.util.Map;

/** Small helpers shared by the crash tests and {@code scripts/chaos}. */
final class Chaos {

  private Chaos() {
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An agent in this JVM (for the tests that do not kill it). */
  static Agent inProcessAgent(String apiUrl, String portalUrl, int concurrency, String... extra) {
    Map<String, String> config = new HashMap<>(Map.of("API_URL", apiUrl, "AGENT_KEY", TestApi.AGENT_KEY,
        "CJ_PORTAL_URL", portalUrl, "AGENT_CONCURRENCY", String.valueOf(concurrency),
        "AGENT_PAGE_TIMEOUT_SECONDS", "10", "AGENT_ID", "in-process-" + System.nanoTime()));
    config.putAll(AgentProcess.settings(extra));
    return Agent.start(AgentConfig.from(config));
  }
}
