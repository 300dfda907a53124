package com.aap.stack;

import com.aap.agent.Agent;
import com.aap.agent.AgentConfig;
import com.aap.api.AccessSettings;
import com.aap.api.ApiConfig;
import com.aap.api.ApiServer;
import com.aap.api.testing.TestDatabase;
import com.aap.api.vault.Vault;
import com.aap.sandbox.SandboxConfig;
import com.aap.sandbox.SandboxServer;
import com.aap.stack.chaos.AgentProcess;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole product running for the end-to-end tests, once per test JVM: the real sandbox server,
 * the real API on a real PostgreSQL, and a real agent driving a real Chromium.
 */
public final class Stack {

  public static final String AGENT_KEY = "e2e-agent-key-0123456789abcdefghijklmn";
  /** The configured admin API key: {@link Http} presents it on every /api call. */
  public static final String ADMIN_API_KEY = "e2e-admin-api-key-0123456789";
  private static Stack running;

  public final SandboxServer sandbox;
  public final ApiServer api;
  private volatile Agent agent;

  private Stack(SandboxServer sandbox, ApiServer api) {
    this.sandbox = sandbox;
    this.api = api;
    this.agent = startAgent("e2e-agent", Map.of());
  }

  public static synchronized Stack get() {
    if (running == null) {
      SandboxServer sandbox = SandboxServer.start(SandboxConfig.forTests());
      ApiServer api = ApiServer.start(ApiConfig.defaults().withPort(0).withDatabaseUrl(TestDatabase.url())
          .withVaultKeyset(Vault.generateDevelopmentKeyset()).withAgentKeys(List.of(AGENT_KEY))
          .withCjCommissionsUrl(sandbox.baseUrl() + "/query")
          .withAccess(AccessSettings.defaults().withAdminApiKey(ADMIN_API_KEY)));
      running = new Stack(sandbox, api);
      Runtime.getRuntime().addShutdownHook(new Thread(running::close));
    }
    return running;
  }

  public String api(String path) {
    return api.baseUrl() + path;
  }

  public String sandbox(String path) {
    return sandbox.baseUrl() + path;
  }

  /**
   * Runs {@code body} while the stack's only agent is one started with {@code settings} on top of the usual
   * ones (e.g. {@code CJ_PORTAL_PROFILE}), under agent id {@code agentId}; the usual agent is back afterwards.
   * One agent at a time, so every job queued meanwhile goes to the replacement.
   */
  public synchronized void withAgent(String agentId, Map<String, String> settings, Runnable body) {
    agent.close();
    agent = startAgent(agentId, settings);
    try {
      body.run();
    } finally {
      agent.close();
      agent = startAgent("e2e-agent", Map.of());
    }
  }

  /**
   * Runs {@code body} while the stack's only agent runs in a JVM of its own (as on another machine: it reaches
   * the API by its URL only); the usual in-process agent is back afterwards.
   */
  public void withAgentProcess(String agentId, Runnable body) {
    withAgentProcess(agentId, Map.of(), body);
  }

  /** The same, the agent started with {@code settings} on top of the usual ones (e.g. {@code LOG_FORMAT}). */
  public synchronized void withAgentProcess(String agentId, Map<String, String> settings, Runnable body) {
    agent.close();
    Map<String, String> config = AgentProcess.settings("AGENT_KEY", AGENT_KEY, "AGENT_CONCURRENCY", "2");
    config.putAll(settings);
    try (AgentProcess process = AgentProcess.start(api.baseUrl(), sandbox.baseUrl() + "/", agentId, config)) {
      body.run();
    } finally {
      agent = startAgent("e2e-agent", Map.of());
    }
  }

  private Agent startAgent(String agentId, Map<String, String> settings) {
    Map<String, String> config = new HashMap<>(Map.of("API_URL", api.baseUrl(), "AGENT_KEY", AGENT_KEY,
        "AGENT_CONCURRENCY", "2", "CJ_PORTAL_URL", sandbox.baseUrl() + "/", "AGENT_ID", agentId));
    config.putAll(settings);
    return Agent.start(AgentConfig.from(config));
  }

  private void close() {
    agent.close();
    api.close();
    sandbox.close();
  }
}
