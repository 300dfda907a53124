package com.aap.api.testing;

import com.aap.api.ApiConfig;
import com.aap.api.ApiServer;
import com.aap.api.vault.Vault;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** An {@link ApiServer} on port 0 against {@link TestDatabase}, with clients for REST and the agent protocol. */
public final class TestApi implements AutoCloseable {

  public static final String AGENT_KEY = "test-agent-key";

  private final ApiServer server;
  private final JsonHttp rest;
  private final JsonHttp agent;

  private TestApi(ApiServer server) {
    this.server = server;
    this.rest = new JsonHttp(server.baseUrl(), null);
    this.agent = new JsonHttp(server.baseUrl(), AGENT_KEY);
  }

  public static ApiConfig config(String cjCommissionsUrl) {
    return ApiConfig.defaults()
        .withPort(0)
        .withDatabaseUrl(TestDatabase.url())
        .withVaultKeyset(Vault.generateDevelopmentKeyset())
        .withAgentKeys(List.of(AGENT_KEY))
        .withCjCommissionsUrl(cjCommissionsUrl);
  }

  public static TestApi start(String cjCommissionsUrl) {
    return start(cjCommissionsUrl, UnaryOperator.identity());
  }

  public static TestApi start(String cjCommissionsUrl, UnaryOperator<ApiConfig> customize) {
    return new TestApi(ApiServer.start(customize.apply(config(cjCommissionsUrl))));
  }

  public ApiServer server() {
    return server;
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  /** The REST API, unauthenticated. */
  public JsonHttp rest() {
    return rest;
  }

  /** The agent protocol, with the test agent key. */
  public JsonHttp agent() {
    return agent;
  }

  /** Polls {@code GET /api/jobs/{id}} until the job is in one of {@code states}. */
  public JsonObject awaitJob(String jobId, Set<String> states, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonObject job = null;
    while (System.nanoTime() < deadline) {
      job = rest.get("/api/jobs/" + jobId).json();
      if (job != null && states.contains(job.getString("state"))) return job;
      sleep(100);
    }
    throw new AssertionError("job " + jobId + " did not reach " + states + " within " + timeout + ": " + job);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
