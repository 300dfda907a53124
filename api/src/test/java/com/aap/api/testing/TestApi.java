package com.aap.api.testing;

import com.aap.api.AccessSettings;
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

  public static final String AGENT_KEY = "test-agent-key-0123456789abcdefghijklmn";
  /** The configured admin API key ({@code ADMIN_API_KEY}) every REST call of the tests presents by default. */
  public static final String ADMIN_API_KEY = "test-admin-api-key-0123456789";

  private final ApiServer server;
  private final JsonHttp rest;
  private final JsonHttp agent;
  private final JsonHttp anonymous;

  private TestApi(ApiServer server) {
    this.server = server;
    this.rest = new JsonHttp(server.baseUrl(), ADMIN_API_KEY);
    this.anonymous = new JsonHttp(server.baseUrl(), null);
    this.agent = new JsonHttp(server.baseUrl(), AGENT_KEY);
  }

  public static ApiConfig config(String cjCommissionsUrl) {
    return ApiConfig.defaults()
        .withPort(0)
        .withDatabaseUrl(TestDatabase.url())
        .withVaultKeyset(Vault.generateDevelopmentKeyset())
        .withAgentKeys(List.of(AGENT_KEY))
        .withCjCommissionsUrl(cjCommissionsUrl)
        .withAccess(AccessSettings.defaults().withAdminApiKey(ADMIN_API_KEY));
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

  /** The REST API, as an admin (the configured admin API key). */
  public JsonHttp rest() {
    return rest;
  }

  /** The REST API with no credentials at all. */
  public JsonHttp anonymous() {
    return anonymous;
  }

  /** The agent protocol, with the test agent key. */
  public JsonHttp agent() {
    return agent;
  }

  /** Creates an account through the admin API key; returns its email. */
  public String createAccount(String email, String password, String role) {
    JsonHttp.Response response = rest.post("/api/accounts",
        new JsonObject().put("email", email).put("password", password).put("role", role));
    if (response.status() != 201) throw new AssertionError("cannot create account: " + response.status() + " " + response.body());
    return email;
  }

  /** Signs in like the page does: a client that sends the session cookie and its anti-forgery token. */
  public JsonHttp signIn(String email, String password) {
    JsonHttp.Response response = anonymous.post("/api/session",
        new JsonObject().put("email", email).put("password", password));
    if (response.status() != 200) throw new AssertionError("cannot sign in: " + response.status() + " " + response.body());
    return anonymous.withHeader("Cookie", "aap_session=" + response.cookie("aap_session"))
        .withHeader("X-CSRF-Token", response.json().getString("csrfToken"));
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

  public static void sleep(long ms) {
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
